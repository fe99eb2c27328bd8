#ifndef CSCOUT_STACK_SHIMS_H
#define CSCOUT_STACK_SHIMS_H
#include <stddef.h>

/// The bytes of stack left below the caller's frame on the calling thread, or (size_t)-1 when
/// the thread's stack cannot be found. Recursive code asks it before going deeper, so deep
/// input is an error whatever a build's frames cost (sanitizers make them several times
/// larger) and whatever stack the thread was given.
size_t cscout_stack_remaining(void);

#endif
