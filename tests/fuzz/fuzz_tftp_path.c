/* fuzz_tftp_path.c: libFuzzer target for the path rules. Whatever the bytes, an accepted
 * name must come out as a confined relative path: no "..", no separator but '/', no ':' or
 * backslash, no leading '/', no empty component, and NUL-terminated inside the buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tftp_path.h"

static void check_confined(const char *out)
{
    size_t n = strlen(out);
    if (n == 0 || out[0] == '/' || out[n - 1] == '/')
        abort();
    if (strchr(out, '\\') || strchr(out, ':') || strstr(out, "//"))
        abort();
    const char *component = out;
    while (component) {
        const char *end = strchr(component, '/');
        size_t len = end ? (size_t)(end - component) : strlen(component);
        if (len == 2 && component[0] == '.' && component[1] == '.')
            abort();
        component = end ? end + 1 : NULL;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char out[TFTP_PATH_MAX];
    const char *reason = NULL;
    memset(out, 'x', sizeof out);
    if (tftp_path_normalize((const char *)data, size, out, sizeof out, &reason) == 0) {
        if (!memchr(out, '\0', sizeof out))
            abort();
        check_confined(out);
    } else if (!reason || !reason[0]) {
        abort(); /* every refusal carries a reason for the error packet */
    }
    return 0;
}
