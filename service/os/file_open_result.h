/* file_open_result.h: the outcomes of opening a file to serve it, shared by the OS file
 * backends (fs.h) and the TFTP engine's file provider (tftp_files.h), which maps them onto
 * TFTP error codes. In the OS edge so the backends need nothing of the engine above them. */
#ifndef PXB_FILE_OPEN_RESULT_H
#define PXB_FILE_OPEN_RESULT_H

enum tftp_open_result {
    TFTP_OPEN_OK = 0,
    TFTP_OPEN_NOT_FOUND = 1,    /* TFTP error 1 */
    TFTP_OPEN_DENIED = 2,       /* TFTP error 2: outside the root, a link escaping it, not a file */
    TFTP_OPEN_FAILED = 3,       /* TFTP error 0 with the message: I/O error, out of memory */
};

#endif
