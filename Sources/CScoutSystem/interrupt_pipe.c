#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>
#include "interrupt_shims.h"

static atomic_int interrupt_fd = -1;

static void on_interrupt(int sig) {
    int fd = atomic_load(&interrupt_fd);
    if (fd < 0) return;
    int saved = errno;
    unsigned char byte = (unsigned char)sig;
    ssize_t ignored = write(fd, &byte, 1);
    (void)ignored;
    errno = saved;
}

int cscout_interrupt_pipe_install(int fd) {
    atomic_store(&interrupt_fd, fd);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGINT, &sa, NULL) != 0) return -1;
    if (sigaction(SIGTERM, &sa, NULL) != 0) return -1;
    return 0;
}

void cscout_interrupt_pipe_remove(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    atomic_store(&interrupt_fd, -1);
}
