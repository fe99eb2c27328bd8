#compdef scout
# zsh completion for scout. Install: scout completions zsh > "${fpath[1]}/_scout"
_scout() {
    local -a subcommands
    subcommands=(
        'run:run a script or a JSON task list'
        'check:parse and check scripts, run nothing'
        'fmt:format scripts in place'
        'repl:an interactive session'
        'commands:list the commands available'
        'help:help on a topic, command or function'
        'completions:print a completion script'
    )
    _arguments -s \
        '*--var=[set a variable]:NAME=VALUE:' \
        '(-j --jobs)'{-j,--jobs}'[run at most N tasks at once]:N:' \
        '--mode=[how a JSON task list runs]:mode:(sequential parallel)' \
        '--fail-fast[stop at the first failed task]' \
        '--dry-run[show what would run]' \
        '--events=[NDJSON progress events on stderr]:format:(json)' \
        '--events-file=[write NDJSON progress events to a file]:file:_files' \
        '--output=[how parallel task output is shown]:mode:(grouped prefixed raw)' \
        '(-q --quiet)'{-q,--quiet}'[report only failures]' \
        '(-v --verbose)'{-v,--verbose}'[report more]' \
        '--no-color[no colours]' \
        '--color[colours even when not a terminal]' \
        '(-e --eval)'{-e,--eval}'[run CODE]:code:' \
        '(- *)'{-h,--help}'[show help]' \
        '(- *)'{-V,--version}'[show the version]' \
        '1: :->first' \
        '*:file:_files'
    case $state in
        first)
            _describe 'command' subcommands
            _files -g '*.(scout|json)'
            ;;
    esac
}
_scout "$@"
