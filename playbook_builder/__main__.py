import sys

from playbook_builder.cli import main

sys.exit(main())
