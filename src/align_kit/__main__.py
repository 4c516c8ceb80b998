from align_kit.cli import main

main()
