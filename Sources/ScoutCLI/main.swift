import Glibc
import Scout

exit(ScoutCommandLine.main(CommandLine.arguments))
