#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>
#include "CScoutSystem.h"

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CSCOUT_TSAN 1
void __tsan_acquire(void *address);
void __tsan_release(void *address);
#endif
#endif

void cscout_tsan_acquire(void *address) {
#ifdef CSCOUT_TSAN
    __tsan_acquire(address);
#else
    (void)address;
#endif
}

void cscout_tsan_release(void *address) {
#ifdef CSCOUT_TSAN
    __tsan_release(address);
#else
    (void)address;
#endif
}

int cscout_raise_open_file_limit(void) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
    if (limit.rlim_cur >= limit.rlim_max) return 0;
    limit.rlim_cur = limit.rlim_max;
    return setrlimit(RLIMIT_NOFILE, &limit);
}

long cscout_open_file_limit(void) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
    return limit.rlim_cur > (rlim_t)0x7fffffff ? 0x7fffffffL : (long)limit.rlim_cur;
}

int cscout_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

int cscout_spawnattr_reset_signals(posix_spawnattr_t *attr, short flags) {
    sigset_t empty, defaults;
    sigemptyset(&empty);
    sigemptyset(&defaults);
    // Every catchable standard signal: this covers SIGINT, SIGTERM, SIGQUIT, SIGPIPE,
    // SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU and SIGHUP among others.
    for (int sig = 1; sig < 32; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP) sigaddset(&defaults, sig);
    }
    int rc = posix_spawnattr_setflags(attr, flags | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    if (rc == 0) rc = posix_spawnattr_setsigmask(attr, &empty);
    if (rc == 0) rc = posix_spawnattr_setsigdefault(attr, &defaults);
    return rc;
}

int cscout_spawn(pid_t *pid_out, const char *path, char *const argv[], char *const envp[],
                 const char *cwd, int stdin_fd, int stdout_fd, int stderr_fd) {
    posix_spawnattr_t attr;
    posix_spawn_file_actions_t actions;
    int rc = posix_spawnattr_init(&attr);
    if (rc != 0) return rc;
    rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) {
        posix_spawnattr_destroy(&attr);
        return rc;
    }

    if (rc == 0) rc = cscout_spawnattr_reset_signals(&attr, POSIX_SPAWN_SETPGROUP);
    if (rc == 0) rc = posix_spawnattr_setpgroup(&attr, 0);

    if (rc == 0) {
        if (stdin_fd >= 0) {
            rc = posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
        } else if (stdin_fd == CSCOUT_STDIN_NULL) {
            rc = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        }
    }
    if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
    if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
    // Descriptors leaked without O_CLOEXEC by other code must not reach the child.
    if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    if (rc == 0 && cwd != NULL) rc = posix_spawn_file_actions_addchdir_np(&actions, cwd);

    if (rc == 0) rc = posix_spawn(pid_out, path, &actions, &attr, argv, envp);

    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    return rc;
}
