#ifndef CSCOUT_STARTUP_H
#define CSCOUT_STARTUP_H
// What the `scout` executable records before main: only ScoutCLI links this, so programs
// embedding the Scout library run no code of Scout's before their own main.

/// Descriptors below this are recorded at start-up by `cscout_descriptor_was_inherited`.
#define CSCOUT_INHERITED_LIMIT 256

/// 1 when `fd` was open when the process started, before the Swift runtime and libdispatch
/// opened descriptors of their own; 0 otherwise (also for fds from CSCOUT_INHERITED_LIMIT on).
int cscout_descriptor_was_inherited(int fd);
#endif
