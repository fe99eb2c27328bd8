import Glibc

exit(await ScoutTool.main(Array(CommandLine.arguments.dropFirst())))
