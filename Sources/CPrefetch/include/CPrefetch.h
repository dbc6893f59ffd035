#ifndef RINGFIND_CPREFETCH_H
#define RINGFIND_CPREFETCH_H

/// A hint that the cache line holding `address` will be read soon (x86 `prefetcht0`, ARM
/// `prfm pldl1keep`). It never faults, even on an invalid address, and changes no result.
static inline void ringfind_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
