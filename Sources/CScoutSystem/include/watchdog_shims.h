#ifndef CSCOUT_WATCHDOG_SHIMS_H
#define CSCOUT_WATCHDOG_SHIMS_H

#include <sys/types.h>

/// Forks, once per process, the watchdog: a small process that kills (SIGKILL) the process
/// groups it was told of and not told to forget, as soon as this process ends in any way,
/// SIGKILL included. Does nothing when it runs already or cannot be started.
void cscout_watchdog_start(void);
/// Tells the watchdog of a child's process group.
void cscout_watchdog_watch(pid_t pgid);
/// Tells the watchdog a group is done (call before reaping its leader, so the id cannot be reused meanwhile).
void cscout_watchdog_forget(pid_t pgid);

#endif
