/// `scout completions SHELL`: completion scripts for bash, zsh and fish.
enum Completions {
    static let shells = ["bash", "zsh", "fish"]

    static let subcommands = ["run", "check", "fmt", "repl", "commands", "lsp", "help", "completions"]
    static let options = CLIOption.allCases.map(\.long)

    static func script(for shell: String) -> String? {
        switch shell {
        case "bash": return bash
        case "zsh": return zsh
        case "fish": return fish
        default: return nil
        }
    }

    static let bash = """
        # bash completion for scout. Install: scout completions bash > ~/.local/share/bash-completion/completions/scout
        _scout() {
            local cur prev
            cur="${COMP_WORDS[COMP_CWORD]}"
            prev="${COMP_WORDS[COMP_CWORD-1]}"
            case "$prev" in
                --mode) COMPREPLY=($(compgen -W "sequential parallel" -- "$cur")); return ;;
                --output) COMPREPLY=($(compgen -W "grouped prefixed raw" -- "$cur")); return ;;
                --events) COMPREPLY=($(compgen -W "json" -- "$cur")); return ;;
                --runner) COMPREPLY=($(compgen -W "local ssh: slurm" -- "$cur")); return ;;
                completions) COMPREPLY=($(compgen -W "\(shells.joined(separator: " "))" -- "$cur")); return ;;
                help) COMPREPLY=($(compgen -W "\(Help.topics.joined(separator: " ")) $(scout commands 2>/dev/null | awk '/^  [a-z_]/ {print $1}')" -- "$cur")); return ;;
                --jobs|-j|--var|--var-json|--secret|--events-fd|--eval|-e) return ;;
                --secret-env) COMPREPLY=($(compgen -e -- "$cur")); return ;;
                --events-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
            esac
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "\(options.joined(separator: " "))" -- "$cur"))
            elif [[ $COMP_CWORD -eq 1 ]]; then
                local f
                COMPREPLY=($(compgen -W "\(subcommands.joined(separator: " "))" -- "$cur"))
                while IFS= read -r f; do
                    case "$f" in *.scout|*.json) COMPREPLY+=("$f") ;; *) [[ -d "$f" ]] && COMPREPLY+=("$f") ;; esac
                done < <(compgen -f -- "$cur")
            else
                COMPREPLY=($(compgen -f -- "$cur"))
            fi
        }
        complete -o filenames -F _scout scout

        """

    static let zsh = """
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
                'lsp:the language server, for editors'
                'help:help on a topic, command or function'
                'completions:print a completion script'
            )
            _arguments -s \\
                '*--var=[set a variable to text]:NAME=VALUE:' \\
                '*--var-json=[set a variable to a JSON value]:NAME=JSON:' \\
                '*--secret=[set a variable, shown as ***]:NAME=VALUE:' \\
                '*--secret-env=[set a variable from the environment, shown as ***]:NAME:_parameters -g "*export*"' \\
                '(-j --jobs)'{-j,--jobs}'[run at most N tasks at once]:N:' \\
                '--runner=[where the tasks run]:runner:(local ssh\\: slurm)' \\
                '--mode=[how a JSON task list runs]:mode:(sequential parallel)' \\
                '--fail-fast[stop at the first failed task]' \\
                '--dry-run[show what would run]' \\
                '--force[run tasks even when they are up to date]' \\
                '--journal[write each finished task to a journal]:journal file:_files' \\
                '--resume[run only the tasks the journal does not have as finished]' \\
                '--resume-failed[run the tasks that failed or did not finish]' \\
                '--watch[run again when a file the script reads changes]' \\
                '--restart[with --watch: restart a run when a file changes]' \\
                '--events=[NDJSON progress events on stderr]:format:(json)' \\
                '--events-file=[write NDJSON progress events to a file]:file:_files' \\
                '--events-fd=[write NDJSON progress events to a file descriptor]:N:' \\
                '--output=[how parallel task output is shown]:mode:(grouped prefixed raw)' \\
                '(-q --quiet)'{-q,--quiet}'[report only failures]' \\
                '(-v --verbose)'{-v,--verbose}'[report more]' \\
                '--no-color[no colours]' \\
                '--color[colours even when not a terminal]' \\
                '(-e --eval)'{-e,--eval}'[run CODE]:code:' \\
                '(- *)'{-h,--help}'[show help]' \\
                '(- *)'{-V,--version}'[show the version]' \\
                '1: :->first' \\
                '*:file:_files'
            case $state in
                first)
                    _describe 'command' subcommands
                    _files -g '*.(scout|json)'
                    ;;
            esac
        }
        _scout "$@"

        """

    static let fish = """
        # fish completion for scout. Install: scout completions fish > ~/.config/fish/completions/scout.fish
        complete -c scout -f
        complete -c scout -n '__fish_use_subcommand' -a run -d 'run a script or a JSON task list'
        complete -c scout -n '__fish_use_subcommand' -a check -d 'parse and check scripts, run nothing'
        complete -c scout -n '__fish_use_subcommand' -a fmt -d 'format scripts in place'
        complete -c scout -n '__fish_use_subcommand' -a repl -d 'an interactive session'
        complete -c scout -n '__fish_use_subcommand' -a commands -d 'list the commands available'
        complete -c scout -n '__fish_use_subcommand' -a lsp -d 'the language server, for editors'
        complete -c scout -n '__fish_use_subcommand' -a help -d 'help on a topic, command or function'
        complete -c scout -n '__fish_use_subcommand' -a completions -d 'print a completion script'
        complete -c scout -n '__fish_seen_subcommand_from completions' -a 'bash zsh fish'
        complete -c scout -n '__fish_seen_subcommand_from help' -a '\(Help.topics.joined(separator: " "))'
        complete -c scout -a '(__fish_complete_suffix .scout; __fish_complete_suffix .json)'
        complete -c scout -l var -r -d 'set a variable to text: NAME=VALUE'
        complete -c scout -l var-json -r -d 'set a variable to a JSON value: NAME=JSON'
        complete -c scout -l secret -r -d 'set a variable shown as ***: NAME=VALUE'
        complete -c scout -l secret-env -r -a '(set -n -x)' -d 'set a variable from the environment, shown as ***'
        complete -c scout -s j -l jobs -r -d 'run at most N tasks at once'
        complete -c scout -l runner -r -a 'local ssh: slurm' -d 'where the tasks run'
        complete -c scout -l mode -r -a 'sequential parallel' -d 'how a JSON task list runs'
        complete -c scout -l fail-fast -d 'stop at the first failed task'
        complete -c scout -l dry-run -d 'show what would run'
        complete -c scout -l force -d 'run tasks even when they are up to date'
        complete -c scout -l journal -r -F -d 'write each finished task to a journal'
        complete -c scout -l resume -d 'run only the tasks the journal does not have as finished'
        complete -c scout -l resume-failed -d 'run the tasks that failed or did not finish'
        complete -c scout -l watch -d 'run again when a file the script reads changes'
        complete -c scout -l restart -d 'with --watch: restart a run when a file changes'
        complete -c scout -l events -r -a json -d 'NDJSON progress events on stderr'
        complete -c scout -l events-file -r -F -d 'write NDJSON progress events to a file'
        complete -c scout -l events-fd -r -d 'write NDJSON progress events to a file descriptor'
        complete -c scout -l output -r -a 'grouped prefixed raw' -d 'how parallel task output is shown'
        complete -c scout -s q -l quiet -d 'report only failures'
        complete -c scout -s v -l verbose -d 'report more'
        complete -c scout -l no-color -d 'no colours'
        complete -c scout -l color -d 'colours even when not a terminal'
        complete -c scout -s e -l eval -r -d 'run CODE'
        complete -c scout -s h -l help -d 'show help'
        complete -c scout -s V -l version -d 'show the version'

        """
}
