"""What the native drawers share: the slide box, and (as they grow) reading a specification's
data, colours and Dutch number formats."""

from __future__ import annotations

#: (left, top, width, height) in EMU: where on a slide a chart may stand.
Box = tuple[int, int, int, int]
