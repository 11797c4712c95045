/* fuzz_authenticode.c: libFuzzer target for the Authenticode signature reader. Whatever the
 * bytes, reading stays inside them (AddressSanitizer), ends in one of the four verdicts with
 * at most PXB_SIGNATURES_MAX signatures, gives a reason for a mismatch or an unreadable
 * signature, and describes the result in a NUL-terminated line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "authenticode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pxb_signatures sigs;
    char text[1024];
    pxb_authenticode_read(data, size, &sigs);
    if (sigs.verdict > PXB_SIG_UNREADABLE || sigs.count > PXB_SIGNATURES_MAX)
        abort();
    if ((sigs.verdict == PXB_SIG_MISMATCH || sigs.verdict == PXB_SIG_UNREADABLE) &&
        sigs.why[0] == '\0')
        abort();
    if (sigs.verdict == PXB_SIG_SIGNED && sigs.count == 0)
        abort();
    memset(text, 'x', sizeof text);
    pxb_sig_describe(&sigs, text, sizeof text);
    if (memchr(text, '\0', sizeof text) == NULL)
        abort();
    return 0;
}
