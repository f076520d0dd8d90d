#ifndef CMEDIA_H
#define CMEDIA_H

#include <stddef.h>
#include <stdint.h>

/// A thin C layer over libvips and FFmpeg, for the server's media processing. libvips'
/// API is variadic and FFmpeg's structs are large; neither imports into Swift usefully, so
/// Swift sees only these few functions on plain buffers.
///
/// The libraries are not linked: the first call loads them (dlopen) and starts them, once per
/// process; every function is thread-safe. Buffers returned through `out` are owned by the
/// caller and released with `cmedia_free`.

/// Loads and starts the libraries (once per process; later calls return the first result).
/// Returns 0, or -1 with a readable reason in `error` (which may be NULL). The other
/// functions call it themselves and fail with -1 when it fails.
int cmedia_start(char *error, size_t error_size);

/// An encoded JPEG image.
typedef struct {
    uint8_t *bytes;
    size_t size;
    int width;
    int height;
} cmedia_jpeg;

/// Reads the displayed size of an image libvips can load (EXIF orientation applied).
/// Returns 0, or -1 when `data` is not such an image.
int cmedia_image_size(const uint8_t *data, size_t size, int *width, int *height);

/// Decodes an image (its first frame), scales it so its longer side is at most `max_side`
/// (never enlarging), flattens transparency onto white and encodes it as a baseline JPEG of
/// `quality` without metadata. Returns 0, or -1 when the image cannot be decoded.
int cmedia_image_jpeg(const uint8_t *data, size_t size, int max_side, int quality, cmedia_jpeg *out);

/// What a container says about its audio and video.
typedef struct {
    /// Seconds; 0 when unknown.
    double duration;
    /// The first video stream's displayed size (its rotation applied); 0 without video.
    int width;
    int height;
    int has_video;
    int has_audio;
    /// Tags, NUL-terminated; empty when absent.
    char title[256];
    char artist[256];
    /// FFmpeg's short name of the container format ("mov,mp4,m4a,3gp,3g2,mj2", "ogg", "mp3"…).
    char format[64];
} cmedia_av_info;

/// Probes an audio or video file held in memory. Returns 0, or -1 when FFmpeg cannot read
/// it or it has neither audio nor video.
int cmedia_av_probe(const uint8_t *data, size_t size, cmedia_av_info *info);

/// Decodes the first frame of the first video stream, turns it as displayed, scales its
/// longer side to at most `max_side` and encodes it as JPEG. Returns 0, or -1.
int cmedia_av_frame_jpeg(const uint8_t *data, size_t size, int max_side, int quality, cmedia_jpeg *out);

/// Releases a buffer returned by this library.
void cmedia_free(void *pointer);

#endif
