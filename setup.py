"""Build hook: ship the top-level ``data/`` folder inside the package as ``dashboard/project_data``.

Everything else about the build is in ``pyproject.toml``. The checkout keeps ``data/`` at the top
(where reviewers look for the transcribed facts); an installed package finds the copy through
:func:`dashboard.core.config.project_data_dir`, so ``pip install .`` works outside the checkout.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithProjectData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads data/ from the checkout itself
        source = Path(__file__).resolve().parent / "data"
        self.copy_tree(str(source), str(Path(self.build_lib) / "dashboard" / "project_data"))


setup(cmdclass={"build_py": BuildWithProjectData})
