#ifndef CSCOUT_TERMINAL_SHIMS_H
#define CSCOUT_TERMINAL_SHIMS_H
#include <stddef.h>
#include <sys/types.h>

// ---- terminal mode -----------------------------------------------------
// One terminal per process: the mode saved by cscout_terminal_save is what every way out
// (a normal exit, exit(), a signal) puts back. Everything here that a signal handler calls
// is async-signal-safe (tcsetattr, write, raise, sigaction).

/// The window size of the terminal on `fd`. Returns 0, or -1 with errno.
int cscout_terminal_size(int fd, int *rows, int *cols);

/// Saves the mode of the terminal on `input_fd` as the one to restore; escape sequences
/// (bracketed paste off) go to `output_fd`. Returns 0, or -1 with errno.
int cscout_terminal_save(int input_fd, int output_fd);

/// Raw mode from the saved mode: no echo, no line buffering, no signals from keys, no flow
/// control, 8-bit input; output processing is kept. Turns bracketed paste on.
/// Returns 0, or -1 with errno.
int cscout_terminal_enter_raw(void);

/// The mode between inputs, while a statement runs: from the saved mode, no echo and no
/// line editing (keys typed ahead wait, as typed, for the next input), but Ctrl-C and Ctrl-Z
/// still send their signals. Bracketed paste stays on. Returns 0, or -1 with errno.
int cscout_terminal_enter_waiting(void);

/// Puts the saved mode back (and bracketed paste off) if another mode is on. Returns 0, or -1.
int cscout_terminal_restore(void);

/// 1 while raw mode is on.
int cscout_terminal_is_raw(void);

/// Installs the signal handlers of an interactive session. SIGWINCH, SIGCONT, SIGINT,
/// SIGTERM and SIGHUP write their number, as one byte, to `notify_fd` (non-blocking);
/// SIGTERM and SIGHUP also restore the terminal at once, and a second one ends the process.
/// SIGTSTP restores the terminal, stops the process, and once continued goes back to the
/// mode it was in and writes SIGCONT. SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP (a Swift
/// runtime trap on some machines), SIGABRT and SIGQUIT restore the terminal, then take
/// their default action. An atexit handler restores too.
/// Returns 0, or -1 with errno.
int cscout_terminal_install_handlers(int notify_fd);

/// Puts back the handlers that were there before cscout_terminal_install_handlers.
void cscout_terminal_remove_handlers(void);

/// Stops the process as Ctrl-Z would (through the SIGTSTP handler when it is installed).
void cscout_terminal_suspend(void);

// ---- pseudo-terminals (used by the tests) ------------------------------

/// Opens a pseudo-terminal: the master (close-on-exec) in `*master_fd`, the slave's path
/// in `name`. Returns 0, or -1 with errno.
int cscout_pty_open(int *master_fd, char *name, size_t name_length);

/// Sets the window size of a terminal. Returns 0, or -1 with errno.
int cscout_pty_set_size(int fd, int rows, int cols);

/// posix_spawn of `path` as the leader of a new session whose controlling terminal is
/// `tty_path` (opened as stdin and dup'ed to stdout and stderr), with an empty signal mask
/// and default signal actions, in `cwd` when it is not NULL. Returns 0 and the pid, or an errno.
int cscout_spawn_on_terminal(pid_t *pid_out, const char *path, char *const argv[], char *const envp[],
                             const char *tty_path, const char *cwd);
#endif
