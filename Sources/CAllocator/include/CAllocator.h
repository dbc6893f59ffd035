#ifndef RINGFIND_CALLOCATOR_H
#define RINGFIND_CALLOCATOR_H

#include <stddef.h>
#include <stdlib.h>  // defines __GLIBC__ on glibc
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Serves every allocation of at least `bytes` with its own mapping, returned to the system
/// as soon as it is freed (glibc `mallopt(M_MMAP_THRESHOLD)`, which also turns off glibc's
/// dynamic threshold). By default glibc raises the threshold up to 32 MB as large blocks are
/// freed, so the per-node arrays of a million-entity graph (4-8 MB each) end up in the heap
/// arenas of whichever thread allocated them, where freed ones stay resident; with analyses
/// running side by side on several threads that retention adds up at the peak. Returns
/// whether the setting was applied (always 0 where the C library is not glibc).
static inline int ringfind_map_large_blocks(size_t bytes) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, (int)bytes);
#else
    (void)bytes;
    return 0;
#endif
}

#endif
