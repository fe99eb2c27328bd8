#ifndef CSCOUT_INTERRUPT_SHIMS_H
#define CSCOUT_INTERRUPT_SHIMS_H

/// Routes SIGINT and SIGTERM to `fd`: each one that arrives writes its number there as one
/// byte. The handlers are in place when this returns, so no signal that arrives later is
/// lost or takes its default action. Returns 0, or -1 when a handler could not be set.
int cscout_interrupt_pipe_install(int fd);
/// Puts back the default actions of SIGINT and SIGTERM; later signals are no longer written.
void cscout_interrupt_pipe_remove(void);

#endif
