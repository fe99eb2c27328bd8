#ifndef CSCOUT_PROCESS_SHIMS_H
#define CSCOUT_PROCESS_SHIMS_H
#include <stdint.h>
#include <signal.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <spawn.h>

/// WIFEXITED and friends are macros; Swift cannot import them.
static inline int cscout_wifexited(int status) { return WIFEXITED(status); }
static inline int cscout_wexitstatus(int status) { return WEXITSTATUS(status); }
static inline int cscout_wifsignaled(int status) { return WIFSIGNALED(status); }
static inline int cscout_wtermsig(int status) { return WTERMSIG(status); }

// ---- pidfd -------------------------------------------------------------

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

/// pidfd_open(2): glibc 2.36 has no wrapper. The descriptor is always close-on-exec.
static inline int cscout_pidfd_open(pid_t pid) {
    return (int)syscall(SYS_pidfd_open, pid, 0);
}

// ---- eventfd -----------------------------------------------------------

/// A non-blocking, close-on-exec eventfd with counter 0.
static inline int cscout_eventfd_create(void) {
    return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

/// Adds 1 to the eventfd counter (wakes a poller). Returns 0 or -1 with errno.
static inline int cscout_eventfd_signal(int fd) {
    return eventfd_write(fd, 1);
}

/// Resets the eventfd counter to 0 (non-blocking). Returns 0 or -1 with errno (EAGAIN if it was 0).
static inline int cscout_eventfd_drain(int fd) {
    eventfd_t value;
    return eventfd_read(fd, &value);
}

// ---- epoll -------------------------------------------------------------
// struct epoll_event is packed on x86_64; these shims keep it out of Swift.

static const uint32_t CSCOUT_EPOLLIN = EPOLLIN;
static const uint32_t CSCOUT_EPOLLOUT = EPOLLOUT;
static const uint32_t CSCOUT_EPOLLERR = EPOLLERR;
static const uint32_t CSCOUT_EPOLLHUP = EPOLLHUP;

/// epoll_create1(EPOLL_CLOEXEC).
static inline int cscout_epoll_create(void) {
    return epoll_create1(EPOLL_CLOEXEC);
}

/// Registers `fd` for `events`, reporting `tag` with each event.
static inline int cscout_epoll_add(int epfd, int fd, uint32_t events, uint64_t tag) {
    struct epoll_event ev;
    ev.events = events;
    ev.data.u64 = tag;
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

/// Removes `fd` from the interest list.
static inline int cscout_epoll_remove(int epfd, int fd) {
    struct epoll_event ev = {0};
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &ev);
}

#define CSCOUT_EPOLL_MAX_EVENTS 64

/// epoll_wait into two flat arrays (at most CSCOUT_EPOLL_MAX_EVENTS entries).
static inline int cscout_epoll_wait(int epfd, uint64_t *tags, uint32_t *events, int max, int timeout_ms) {
    struct epoll_event evs[CSCOUT_EPOLL_MAX_EVENTS];
    if (max > CSCOUT_EPOLL_MAX_EVENTS) max = CSCOUT_EPOLL_MAX_EVENTS;
    int n = epoll_wait(epfd, evs, max, timeout_ms);
    for (int i = 0; i < n; i++) {
        tags[i] = evs[i].data.u64;
        events[i] = evs[i].events;
    }
    return n;
}

// ---- signals -----------------------------------------------------------

/// Blocks every signal in the calling thread; stores the previous mask in `old`.
static inline int cscout_block_all_signals(sigset_t *old) {
    sigset_t all;
    sigfillset(&all);
    return pthread_sigmask(SIG_BLOCK, &all, old);
}

/// Restores a mask saved by cscout_block_all_signals.
static inline int cscout_restore_signals(const sigset_t *old) {
    return pthread_sigmask(SIG_SETMASK, old, NULL);
}

/// If SIGCHLD is ignored or has SA_NOCLDWAIT, children are reaped by the kernel and
/// their exit status is lost; this resets SIGCHLD to its default. Returns 1 if it changed it.
static inline int cscout_ensure_sigchld_default(void) {
    struct sigaction old;
    if (sigaction(SIGCHLD, NULL, &old) != 0) return 0;
    if (old.sa_handler == SIG_IGN || (old.sa_flags & SA_NOCLDWAIT)) {
        struct sigaction dfl;
        sigemptyset(&dfl.sa_mask);
        dfl.sa_flags = 0;
        dfl.sa_handler = SIG_DFL;
        sigaction(SIGCHLD, &dfl, NULL);
        return 1;
    }
    return 0;
}

// ---- threads -----------------------------------------------------------

/// Names the calling thread (at most 15 bytes are kept), for ps and debuggers.
static inline void cscout_set_thread_name(const char *name) {
    prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0);
}

// ---- ThreadSanitizer ---------------------------------------------------

/// Tells ThreadSanitizer that the calling thread acquired the lock at `address`
/// (`__tsan_acquire`); does nothing in a build without ThreadSanitizer.
void cscout_tsan_acquire(void *address);
/// Tells ThreadSanitizer that the calling thread releases the lock at `address`
/// (`__tsan_release`); does nothing in a build without ThreadSanitizer.
void cscout_tsan_release(void *address);

// ---- limits ------------------------------------------------------------

/// Raises the soft limit on open descriptors (RLIMIT_NOFILE) to the hard limit, so that a
/// low `ulimit -Sn` does not fail tasks. Returns 0 or -1 with errno.
int cscout_raise_open_file_limit(void);
/// The soft limit on open descriptors (at most INT_MAX), or -1 with errno.
long cscout_open_file_limit(void);

// ---- pipes -------------------------------------------------------------

/// pipe2(fds, O_CLOEXEC): both ends close-on-exec, blocking. Returns 0 or -1 with errno.
int cscout_pipe_cloexec(int fds[2]);

// ---- spawn -------------------------------------------------------------

/// `stdin_fd` value for cscout_spawn: the child reads /dev/null.
#define CSCOUT_STDIN_NULL (-1)
/// `stdin_fd` value for cscout_spawn: the child inherits the parent's standard input.
#define CSCOUT_STDIN_INHERIT (-2)

/// posix_spawn of `path` in a new process group (pgid = pid), with an empty signal mask,
/// common signals reset to SIG_DFL, stdin/stdout/stderr from the given descriptors (which
/// must be >= 3), every other non-close-on-exec descriptor >= 3 closed, and the working
/// directory changed to `cwd` when it is not NULL. Returns 0 and stores the pid, or an errno.
int cscout_spawn(pid_t *pid_out, const char *path, char *const argv[], char *const envp[],
                 const char *cwd, int stdin_fd, int stdout_fd, int stderr_fd);

/// Sets `flags` on `attr` together with an empty signal mask and every catchable standard
/// signal reset to SIG_DFL in the child (an ignored signal would otherwise stay ignored
/// across exec). Returns 0 or an errno.
int cscout_spawnattr_reset_signals(posix_spawnattr_t *attr, short flags);
#endif
