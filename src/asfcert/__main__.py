from asfcert.cli import main

main()
