#!/usr/bin/env python3
"""Credit Expert Daria: python credit_expert_bot.py {chat,run,migrate,login}."""

import sys

from credit_expert.cli import main

if __name__ == "__main__":
    sys.exit(main())
