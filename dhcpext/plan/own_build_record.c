/* own_build_record.c: the record text of an own build, written and read (see
 * own_build_record.h). */
#include "own_build_record.h"

#include <stdio.h>
#include <string.h>

#define RECORD_PREFIX "sha256="
#define RECORD_EMBEDDED ";embedded-script"

void pxb_own_record_format(const char *sha256, int embedded_script, char *out, size_t out_len)
{
    snprintf(out, out_len, RECORD_PREFIX "%s%s", sha256,
             embedded_script ? RECORD_EMBEDDED : "");
}

int pxb_own_record_parse(const char *text, char sha256[PXB_RECORD_SHA256_HEX],
                         int *embedded_script)
{
    size_t hex = PXB_RECORD_SHA256_HEX - 1;
    if (text == NULL || strncmp(text, RECORD_PREFIX, strlen(RECORD_PREFIX)) != 0 ||
        strlen(text) < strlen(RECORD_PREFIX) + hex)
        return -1;
    const char *rest = text + strlen(RECORD_PREFIX) + hex;
    if (rest[0] != '\0' && strcmp(rest, RECORD_EMBEDDED) != 0)
        return -1;
    memcpy(sha256, text + strlen(RECORD_PREFIX), hex);
    sha256[hex] = '\0';
    *embedded_script = rest[0] != '\0';
    return 0;
}
