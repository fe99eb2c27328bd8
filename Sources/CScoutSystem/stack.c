#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include "stack_shims.h"

// The lowest address of this thread's stack, found once per thread.
static __thread char *stack_low;
static __thread int stack_known;

size_t cscout_stack_remaining(void) {
    if (!stack_known) {
        stack_known = 1;
        pthread_attr_t attr;
        if (pthread_getattr_np(pthread_self(), &attr) == 0) {
            void *addr = NULL;
            size_t size = 0;
            if (pthread_attr_getstack(&attr, &addr, &size) == 0) stack_low = (char *)addr;
            pthread_attr_destroy(&attr);
        }
    }
    if (!stack_low) return (size_t)-1;
    // The frame address, not a local's: AddressSanitizer may keep locals off the stack.
    char *here = (char *)__builtin_frame_address(0);
    return here > stack_low ? (size_t)(here - stack_low) : 0;
}
