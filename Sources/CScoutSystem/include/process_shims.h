#ifndef CSCOUT_PROCESS_SHIMS_H
#define CSCOUT_PROCESS_SHIMS_H
#include <sys/types.h>
#include <sys/wait.h>

/// WIFEXITED and friends are macros; Swift cannot import them.
static inline int cscout_wifexited(int status) { return WIFEXITED(status); }
static inline int cscout_wexitstatus(int status) { return WEXITSTATUS(status); }
static inline int cscout_wifsignaled(int status) { return WIFSIGNALED(status); }
static inline int cscout_wtermsig(int status) { return WTERMSIG(status); }
#endif
