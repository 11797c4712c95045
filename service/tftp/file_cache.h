/* file_cache.h: shares file contents between transfers. A file served to many clients at
 * once is read once and kept in memory while any transfer uses it; a changed file (new
 * size, time or id) is read again for new transfers while old ones finish on the old bytes.
 * Unused contents are kept up to a byte budget, then dropped least recently used first. */
#ifndef PXB_FILE_CACHE_H
#define PXB_FILE_CACHE_H

#include <stdint.h>

#include "tftp_files.h"

typedef struct file_cache file_cache;

file_cache *file_cache_create(const char *root, uint64_t idle_budget_bytes);
/* Later opens resolve under the new root; blobs in use stay valid. */
void file_cache_set_root(file_cache *fc, const char *root);
/* All blobs must have been released. */
void file_cache_destroy(file_cache *fc);
/* The tftp_files provider backed by this cache. */
tftp_files file_cache_provider(file_cache *fc);

typedef struct file_cache_stats {
    uint64_t hits, misses, bytes_loaded, bytes_held;
    uint32_t entries;
} file_cache_stats;
void file_cache_get_stats(const file_cache *fc, file_cache_stats *out);

#endif
