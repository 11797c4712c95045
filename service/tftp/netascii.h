/* netascii.h: converts file bytes to TFTP's netascii transfer form (RFC 764 / RFC 1350):
 * a line feed not already preceded by a carriage return becomes CR LF, and a carriage
 * return not followed by a line feed ("bare CR") becomes CR NUL. A CR LF pair already in
 * the file (a Windows text file) is kept as it is. */
#ifndef PXB_NETASCII_H
#define PXB_NETASCII_H

#include <stdint.h>

/* The size of src[0..len) once converted. */
uint64_t netascii_measure(const uint8_t *src, uint64_t len);

/* Writes the converted form of src[0..len) to dst, which must hold
 * netascii_measure(src, len) bytes. */
void netascii_convert(const uint8_t *src, uint64_t len, uint8_t *dst);

#endif
