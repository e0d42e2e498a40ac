import sys

from mesocore.cli import main

sys.exit(main())
