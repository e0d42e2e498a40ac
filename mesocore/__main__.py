"""``python -m mesocore``: the command line (see mesocore.cli)."""

import os
import sys

# Pydantic looks for plugins by scanning the metadata of every installed distribution when the
# first model is built; MesoConsult uses no pydantic plugins, so the scan is skipped (it grows
# with the environment; measured 2-5% of `screen` here). A caller may still set it otherwise.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from mesocore.cli import main  # noqa: E402  (the variable must be set before pydantic loads)

sys.exit(main())
