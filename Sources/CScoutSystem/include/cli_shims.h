#ifndef CSCOUT_CLI_SHIMS_H
#define CSCOUT_CLI_SHIMS_H
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

/// 0 when the address space (RLIMIT_AS, `ulimit -v`) has room for `threads` more thread
/// stacks and `extra` bytes; otherwise the limit in KiB. Thread pools wait for room forever
/// when a stack cannot be reserved, so scout checks this before it starts any.
static inline long cscout_address_space_too_small(long threads, long extra) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 0;
    struct rlimit stack;
    size_t stack_size = 8u << 20;
    if (getrlimit(RLIMIT_STACK, &stack) == 0 && stack.rlim_cur != RLIM_INFINITY && stack.rlim_cur > 0) {
        stack_size = (size_t)stack.rlim_cur;
    }
    size_t bytes = (size_t)threads * stack_size + (size_t)extra;
    void *probe = mmap(NULL, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (probe != MAP_FAILED) {
        munmap(probe, bytes);
        return 0;
    }
    return (long)(limit.rlim_cur / 1024);
}

/// The width in columns of the terminal on `fd`, or 0 when it is not a terminal.
static inline int cscout_terminal_columns(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_col;
}

/// The height in rows of the terminal on `fd`, or 0 when it is not a terminal.
static inline int cscout_terminal_rows(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_row;
}

/// 1 when `a` and `b` are the same terminal (or file), else 0.
static inline int cscout_same_file(int a, int b) {
    struct stat sa, sb;
    if (fstat(a, &sa) != 0 || fstat(b, &sb) != 0) return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino && sa.st_rdev == sb.st_rdev;
}
#endif
