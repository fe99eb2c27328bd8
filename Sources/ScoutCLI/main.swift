import CScoutSystem
import Glibc

// A low `ulimit -Sn` would fail parallel tasks that the hard limit allows.
_ = cscout_raise_open_file_limit()

exit(await ScoutTool.main(Array(CommandLine.arguments.dropFirst())))
