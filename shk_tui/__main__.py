from shk_tui.cli import main

raise SystemExit(main())
