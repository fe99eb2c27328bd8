#ifndef CSCOUT_SYSTEM_H
#define CSCOUT_SYSTEM_H
// Umbrella header: each part of the system layer keeps its own header.
#include "process_shims.h"
#include "cli_shims.h"
#include "terminal_shims.h"
#include "watchdog_shims.h"
#include "interrupt_shims.h"
#include "stack_shims.h"
#endif
