#include <fcntl.h>
#include <poll.h>
#include "CScoutStartup.h"

// Which descriptors below CSCOUT_INHERITED_LIMIT were open when the process started, read
// before main and before the Swift runtime or libdispatch open descriptors of their own,
// so `--events-fd N` can tell a descriptor the caller opened from one the process made.
static unsigned char inherited[CSCOUT_INHERITED_LIMIT];

__attribute__((constructor)) static void cscout_record_inherited_descriptors(void) {
    // One poll(2) answers for every descriptor at once: a closed one comes back POLLNVAL.
    // (poll fails with EINVAL when the open-file limit is below the count: then ask each.)
    struct pollfd fds[CSCOUT_INHERITED_LIMIT];
    for (int fd = 0; fd < CSCOUT_INHERITED_LIMIT; fd++) {
        fds[fd].fd = fd;
        fds[fd].events = 0;
        fds[fd].revents = 0;
    }
    if (poll(fds, CSCOUT_INHERITED_LIMIT, 0) >= 0) {
        for (int fd = 0; fd < CSCOUT_INHERITED_LIMIT; fd++) {
            inherited[fd] = !(fds[fd].revents & POLLNVAL);
        }
        return;
    }
    for (int fd = 0; fd < CSCOUT_INHERITED_LIMIT; fd++) {
        inherited[fd] = fcntl(fd, F_GETFD) >= 0;
    }
}

int cscout_descriptor_was_inherited(int fd) {
    return fd >= 0 && fd < CSCOUT_INHERITED_LIMIT && inherited[fd];
}
