from editorial.cli import main

main()
