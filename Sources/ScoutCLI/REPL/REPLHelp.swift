/// The text of `scout help repl`.
enum REPLHelp {
    static let text = """
        scout repl [OPTIONS], or scout alone on a terminal: the interactive REPL

        One session: variables, results, commands and policies carry over from one input
        to the next. Type statements as in a script; each runs when it is complete. A
        statement goes on over several lines (the prompt turns to "  ...>") while a bracket
        ( [ { or a \"\"\" string is open, or after an operator, a comma, and, or, not or in.
        An expression on its own prints its value (pretty JSON, in colour on a terminal); a
        variable's name on its own shows the variable; each task is summed up after it runs
        (status, time, exit code, output). Progress lines and errors are those of a script.

        Meta-commands:
          :help           the keys and meta-commands
          :vars           the variables and their values
          :results        the results of the tasks run so far
          :load FILE      run a script into the session
          :save FILE      write the session's statements to FILE, to run with scout FILE
          :reset          start afresh: no variables, results, commands or policies
          :quit, :q       leave (so does Ctrl-D on an empty line)

        Keys:
          Left/Right, Ctrl-B/Ctrl-F     move by a character
          Alt-B/Alt-F, Ctrl-Left/Right  move by a word
          Home/End, Ctrl-A/Ctrl-E       go to the start/end of the line
          Up/Down, Ctrl-P/Ctrl-N        the line above/below, then older/newer history
          Ctrl-R                        search the history backwards; again for an older
                                        match, Ctrl-S for a newer one, Ctrl-G to give up
          Backspace, Delete, Ctrl-D     delete a character (Ctrl-D on an empty line quits)
          Ctrl-W, Alt-Backspace         delete the word before the cursor
          Alt-D                         delete the word after the cursor
          Ctrl-K, Ctrl-U                delete to the end/start of the line
          Ctrl-Y                        put back what was deleted last
          Ctrl-T                        swap the two characters at the cursor
          Alt-Enter                     a line break without running the statement
          Tab                           complete a keyword, command, function, variable, a
                                        field after a dot (build.<Tab>), or a file after
                                        :load and :save; a second Tab lists the choices
          Ctrl-L                        clear the screen
          Ctrl-C                        drop the line; while a statement runs, interrupt it
          Ctrl-Z                        suspend scout (fg brings it back)

        History: the last 1000 inputs, multi-line ones whole, kept in
        $XDG_STATE_HOME/scout/history, or ~/.scout_history without XDG_STATE_HOME.

        Not on a terminal: when standard input is a pipe or a file (echo 'print 1 + 2' | scout),
        its lines are read as they come, joined into statements as above, and each statement
        runs when it is complete: no prompt, no colour, no summaries, values still printed.
        As in a script, a syntax error, a runtime error or a stop ends the run; what came
        before it has run. Exit status: 0; 1 when a task failed or a statement had a runtime
        error; 2 after a syntax error (or an unknown meta-command); 130 after an interrupt.

        """
}
