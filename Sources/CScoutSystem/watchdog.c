#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include "watchdog_shims.h"

// The watchdog: a process forked once, before any child, that learns each child's process
// group over a socket and kills the groups still listed when the socket reaches
// end-of-file, which happens when this process ends in any way, SIGKILL included.

/// Process group ids go up to PID_MAX_LIMIT (2^22): one bit each.
#define WATCHDOG_GROUPS (1u << 22)

static int watchdog_socket = -1;
static pthread_once_t watchdog_once = PTHREAD_ONCE_INIT;

/// The forked child: only async-signal-safe calls (the parent has other threads).
static void watchdog_run(int fd) {
    prctl(PR_SET_NAME, (unsigned long)"scout-watchdog", 0, 0, 0);
    // Its own group, deaf to the terminal's and the shell's signals: it ends only when the
    // socket does.
    setpgid(0, 0);
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    const int deaf[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, SIGUSR1, SIGUSR2};
    for (size_t i = 0; i < sizeof deaf / sizeof deaf[0]; i++) sigaction(deaf[i], &ignore, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    // Only the socket stays open (as descriptor 3): a pipe kept open here would keep a
    // reader of this process's output waiting.
    if (fd != 3 && dup2(fd, 3) != 3) _exit(1);
    close_range(4, ~0u, 0);
    int null = open("/dev/null", O_RDWR);
    for (int target = 0; target < 3; target++) {
        if (null >= 0 && null != target) dup2(null, target);
    }
    if (null > 3) close(null);
    unsigned char *groups = mmap(NULL, WATCHDOG_GROUPS / 8, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (groups == MAP_FAILED) _exit(1);
    for (;;) {
        int32_t message;
        ssize_t n = recv(3, &message, sizeof message, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n != (ssize_t)sizeof message) break;  // End-of-file (or an error): the parent is gone.
        uint32_t pgid = (uint32_t)(message < 0 ? -message : message);
        if (pgid == 0 || pgid >= WATCHDOG_GROUPS) continue;
        if (message > 0) {
            groups[pgid / 8] |= (unsigned char)(1u << (pgid % 8));
        } else {
            groups[pgid / 8] &= (unsigned char)~(1u << (pgid % 8));
        }
    }
    for (uint32_t byte = 0; byte < WATCHDOG_GROUPS / 8; byte++) {
        if (groups[byte] == 0) continue;
        for (uint32_t bit = 0; bit < 8; bit++) {
            if (groups[byte] & (1u << bit)) kill(-(pid_t)(byte * 8 + bit), SIGKILL);
        }
    }
    _exit(0);
}

static void watchdog_start(void) {
    int ends[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ends) != 0) return;
    sigset_t all, saved;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &saved);
    pid_t pid = fork();
    if (pid == 0) {
        close(ends[0]);
        watchdog_run(ends[1]);
    }
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    close(ends[1]);
    if (pid < 0) {
        close(ends[0]);
        return;
    }
    __atomic_store_n(&watchdog_socket, ends[0], __ATOMIC_RELEASE);
}

void cscout_watchdog_start(void) {
    pthread_once(&watchdog_once, watchdog_start);
}

static void watchdog_send(int32_t message) {
    int fd = __atomic_load_n(&watchdog_socket, __ATOMIC_ACQUIRE);
    if (fd < 0) return;
    // Never blocks: a stopped watchdog must not stop this process.
    ssize_t ignored = send(fd, &message, sizeof message, MSG_NOSIGNAL | MSG_DONTWAIT);
    (void)ignored;
}

void cscout_watchdog_watch(pid_t pgid) {
    if (pgid > 0) watchdog_send((int32_t)pgid);
}

void cscout_watchdog_forget(pid_t pgid) {
    if (pgid > 0) watchdog_send(-(int32_t)pgid);
}
