#ifndef CSCOUT_CLI_SHIMS_H
#define CSCOUT_CLI_SHIMS_H
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

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
