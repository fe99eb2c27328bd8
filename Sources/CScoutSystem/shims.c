#include "CScoutSystem.h"
