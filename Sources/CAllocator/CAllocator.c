// CAllocator is header-only (include/CAllocator.h); a C target needs one source file.
#include "CAllocator.h"
