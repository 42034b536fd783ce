"""`python -m credit_expert`: the same program as the `credit-expert-bot` command."""

import sys

from credit_expert.cli import main

sys.exit(main())
