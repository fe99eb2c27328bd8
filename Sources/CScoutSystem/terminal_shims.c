#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "terminal_shims.h"
#include "process_shims.h"

static struct termios saved_mode;
static struct termios raw_mode;
static struct termios waiting_mode;
// Read by the signal handlers (on any thread) and written by the editor's thread: C11
// atomics (lock-free, so async-signal-safe), which order the writes of the modes and
// descriptors before them.
static atomic_int have_saved_mode = 0;
/// The mode in effect: 0 the saved one, 1 raw, 2 waiting.
static atomic_int active_mode = 0;
static int terminal_in = -1;
static int terminal_out = -1;
static atomic_int notify_fd = -1;
static atomic_int termination_requests = 0;
static int atexit_registered = 0;

static const char paste_on[] = "\033[?2004h";
static const char paste_off[] = "\033[?2004l";

static void write_quietly(int fd, const char *text, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, text, length);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        text += n;
        length -= (size_t)n;
    }
}

int cscout_terminal_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

int cscout_terminal_save(int input_fd, int output_fd) {
    if (tcgetattr(input_fd, &saved_mode) != 0) return -1;
    raw_mode = saved_mode;
    raw_mode.c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    raw_mode.c_cflag |= CS8;
    raw_mode.c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN | ISIG);
    raw_mode.c_cc[VMIN] = 1;
    raw_mode.c_cc[VTIME] = 0;
    waiting_mode = saved_mode;
    waiting_mode.c_iflag &= ~(tcflag_t)(ICRNL | IXON);
    waiting_mode.c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN);
    waiting_mode.c_cc[VMIN] = 1;
    waiting_mode.c_cc[VTIME] = 0;
    terminal_in = input_fd;
    terminal_out = output_fd;
    atomic_store(&have_saved_mode, 1);
    return 0;
}

/// Async-signal-safe: the terminal back to the saved mode.
static int restore_now(void) {
    if (!atomic_load(&have_saved_mode) || atomic_exchange(&active_mode, 0) == 0) return 0;
    write_quietly(terminal_out, paste_off, sizeof paste_off - 1);
    return tcsetattr(terminal_in, TCSANOW, &saved_mode);
}

/// Async-signal-safe: mode 1 (raw) or 2 (waiting).
static int enter_mode_now(int mode) {
    if (!atomic_load(&have_saved_mode)) {
        errno = ENOTTY;
        return -1;
    }
    if (tcsetattr(terminal_in, TCSANOW, mode == 1 ? &raw_mode : &waiting_mode) != 0) return -1;
    if (atomic_exchange(&active_mode, mode) == 0) write_quietly(terminal_out, paste_on, sizeof paste_on - 1);
    return 0;
}

int cscout_terminal_enter_raw(void) {
    return enter_mode_now(1);
}

int cscout_terminal_enter_waiting(void) {
    return enter_mode_now(2);
}

int cscout_terminal_restore(void) {
    return restore_now();
}

int cscout_terminal_is_raw(void) {
    return atomic_load(&active_mode) == 1;
}

// ---- signals -----------------------------------------------------------

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT, SIGQUIT};
static const int notify_signals[] = {SIGWINCH, SIGCONT, SIGINT, SIGTERM, SIGHUP};
#define CRASH_COUNT (sizeof crash_signals / sizeof crash_signals[0])
#define NOTIFY_COUNT (sizeof notify_signals / sizeof notify_signals[0])

static struct sigaction previous_crash[CRASH_COUNT];
static struct sigaction previous_notify[NOTIFY_COUNT];
static struct sigaction previous_tstp;
static int handlers_installed = 0;

static void notify(int sig) {
    int fd = atomic_load(&notify_fd);
    if (fd < 0) return;
    unsigned char byte = (unsigned char)sig;
    int saved = errno;
    ssize_t ignored = write(fd, &byte, 1);
    (void)ignored;
    errno = saved;
}

static void on_crash(int sig) {
    restore_now();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void on_notify(int sig) {
    int saved = errno;
    if (sig == SIGTERM || sig == SIGHUP) {
        restore_now();
        if (atomic_fetch_add(&termination_requests, 1) + 1 > 1) {
            signal(sig, SIG_DFL);
            raise(sig);
        }
    }
    // Continued after a stop this process did not handle (SIGSTOP): the shell may have
    // changed the mode meanwhile.
    int mode = atomic_load(&active_mode);
    if (sig == SIGCONT && mode != 0) tcsetattr(terminal_in, TCSANOW, mode == 1 ? &raw_mode : &waiting_mode);
    notify(sig);
    errno = saved;
}

static void on_tstp(int sig);

static void install_tstp(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_tstp;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTSTP, &sa, NULL);
}

static void on_tstp(int sig) {
    int saved = errno;
    int was = atomic_load(&active_mode);
    restore_now();
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    raise(sig);
    // Unblocking delivers the pending stop; execution goes on here once continued (or at
    // once, when the process group is orphaned and the kernel discards the stop).
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    sigprocmask(SIG_BLOCK, &set, NULL);
    install_tstp();
    if (was != 0) enter_mode_now(was);
    notify(SIGCONT);
    errno = saved;
}

static void restore_at_exit(void) {
    restore_now();
}

int cscout_terminal_install_handlers(int fd) {
    if (handlers_installed) return 0;
    atomic_store(&notify_fd, fd);
    atomic_store(&termination_requests, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sa.sa_handler = on_notify;
    for (size_t i = 0; i < NOTIFY_COUNT; i++) {
        if (sigaction(notify_signals[i], &sa, &previous_notify[i]) != 0) return -1;
    }
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    for (size_t i = 0; i < CRASH_COUNT; i++) {
        if (sigaction(crash_signals[i], &sa, &previous_crash[i]) != 0) return -1;
    }
    sigaction(SIGTSTP, NULL, &previous_tstp);
    install_tstp();
    if (!atexit_registered) {
        atexit(restore_at_exit);
        atexit_registered = 1;
    }
    handlers_installed = 1;
    return 0;
}

void cscout_terminal_remove_handlers(void) {
    if (!handlers_installed) return;
    for (size_t i = 0; i < NOTIFY_COUNT; i++) sigaction(notify_signals[i], &previous_notify[i], NULL);
    for (size_t i = 0; i < CRASH_COUNT; i++) sigaction(crash_signals[i], &previous_crash[i], NULL);
    sigaction(SIGTSTP, &previous_tstp, NULL);
    atomic_store(&notify_fd, -1);
    handlers_installed = 0;
}

void cscout_terminal_suspend(void) {
    // To the process, not the calling thread: a Dispatch worker thread blocks signals.
    kill(getpid(), SIGTSTP);
}

// ---- pseudo-terminals --------------------------------------------------

int cscout_pty_open(int *master_fd, char *name, size_t name_length) {
    int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return -1;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0 || ptsname_r(fd, name, name_length) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    *master_fd = fd;
    return 0;
}

int cscout_pty_set_size(int fd, int rows, int cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    return ioctl(fd, TIOCSWINSZ, &ws);
}

int cscout_spawn_on_terminal(pid_t *pid_out, const char *path, char *const argv[], char *const envp[],
                             const char *tty_path, const char *cwd) {
    posix_spawnattr_t attr;
    posix_spawn_file_actions_t actions;
    int rc = posix_spawnattr_init(&attr);
    if (rc != 0) return rc;
    rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) {
        posix_spawnattr_destroy(&attr);
        return rc;
    }
    // The new session has no controlling terminal; opening the slave (without O_NOCTTY)
    // makes it the controlling terminal, with the child's group in the foreground.
    if (rc == 0) rc = cscout_spawnattr_reset_signals(&attr, POSIX_SPAWN_SETSID);
    if (rc == 0) rc = posix_spawn_file_actions_addopen(&actions, 0, tty_path, O_RDWR, 0);
    if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, 0, 1);
    if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, 0, 2);
    if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    if (rc == 0 && cwd != NULL) rc = posix_spawn_file_actions_addchdir_np(&actions, cwd);
    if (rc == 0) rc = posix_spawn(pid_out, path, &actions, &attr, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    return rc;
}
