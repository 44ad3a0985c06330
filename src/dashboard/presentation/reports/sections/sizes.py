"""The size in pixels at which each chart of a report is drawn, in one place.

Every chart is drawn at about the size a step of the Presentatie page shows it (at most
:data:`STEP_HEIGHT` pixels high, about 670 pixels wide on a 1280×720 screen), so its type is
shown at the size it is set in: on a projector, a slide and paper alike. A chart drawn large and
shown small came out with 5-pixel type.
"""

from __future__ import annotations

from typing import NamedTuple


class Size(NamedTuple):
    width: int
    height: int


#: A chart's height on a Presentatie step: fits a 720-pixel screen below the title, the step
#: selector and the heading.
STEP_HEIGHT = 340

#: A chart without a size of its own.
DEFAULT = Size(1000, 560)
#: The map of the regions; legends beside the map.
REGION_MAP = Size(310, 340)
#: The map after the overstap, as the Kaart step: drawn at about its shown size.
OVERSTAP_MAP = Size(420, 320)
#: Bijstand, WW and AO per 1.000 inwoners per area.
LABOUR_RATES = Size(620, 272)
#: Score per variant.
RANKING = Size(530, 290)
#: Contribution per perspective.
CONTRIBUTIONS = Size(610, 272)
#: The tornado overview: drawn narrow (its bars :data:`TORNADO_PLOT_WIDTH` wide), so its large
#: type stays large when shown in a column; its height follows from the number of bars.
TORNADO_WIDTH = 560
TORNADO_PLOT_WIDTH = 380
