#include "CMedia.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <vips/vips.h>
#include <vips/vector.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libswscale/swscale.h>
#include <libavutil/display.h>

// MARK: The libraries, loaded on first use

// libvips and FFmpeg pull in some 170 shared libraries (codecs, glib, poppler, rsvg…): about
// 30 MB resident and a large part of the start-up time, for a server that may never see a
// photo. So the binary does not link them: the first media call opens them with dlopen and
// takes each function below from the library that defines it. The headers still type every
// call, so a signature that changed between versions fails to compile, as a direct call would.

#define VIPS_FUNCTIONS(X) \
    X(vips_init) X(vips_version) X(vips_error_buffer) X(vips_error_clear) X(vips_cache_set_max) X(vips_leak_set) \
    X(vips_vector_set_enabled) X(vips_image_new_from_buffer) X(vips_image_get_width) X(vips_image_get_height) \
    X(vips_image_get_orientation_swap) X(vips_image_hasalpha) X(vips_array_double_newv) X(vips_flatten) \
    X(vips_area_unref) X(vips_jpegsave_buffer) X(vips_thumbnail_buffer) X(vips_image_new_from_memory_copy) \
    X(vips_rot) X(vips_thumbnail_image)
#define GLIB_FUNCTIONS(X) X(g_free)
#define GOBJECT_FUNCTIONS(X) X(g_object_unref)
#define AVUTIL_FUNCTIONS(X) \
    X(av_log_set_level) X(av_freep) X(av_malloc) X(av_free) X(av_display_rotation_get) X(av_dict_get) \
    X(av_frame_alloc) X(av_frame_free)
#define AVCODEC_FUNCTIONS(X) \
    X(avcodec_find_decoder) X(avcodec_send_packet) X(avcodec_receive_frame) X(av_packet_alloc) X(av_packet_unref) \
    X(av_packet_free) X(avcodec_alloc_context3) X(avcodec_parameters_to_context) X(avcodec_open2) \
    X(avcodec_free_context)
#define AVFORMAT_FUNCTIONS(X) \
    X(av_find_input_format) X(avio_context_free) X(avio_alloc_context) X(avformat_alloc_context) \
    X(avformat_open_input) X(avformat_close_input) X(avformat_find_stream_info) X(av_stream_get_side_data) \
    X(av_find_best_stream) X(av_read_frame)
#define SWSCALE_FUNCTIONS(X) X(sws_getContext) X(sws_scale) X(sws_freeContext)

/// Every library function this file calls, as `lib.name(…)`.
static struct {
#define MEMBER(name) __typeof__(name) *name;
    VIPS_FUNCTIONS(MEMBER)
    GLIB_FUNCTIONS(MEMBER)
    GOBJECT_FUNCTIONS(MEMBER)
    AVUTIL_FUNCTIONS(MEMBER)
    AVCODEC_FUNCTIONS(MEMBER)
    AVFORMAT_FUNCTIONS(MEMBER)
    SWSCALE_FUNCTIONS(MEMBER)
#undef MEMBER
} lib;

static pthread_once_t start_once = PTHREAD_ONCE_INIT;
static int start_result = -1;
static char start_error[512] = "";

#ifdef __APPLE__
#define LIBRARY_NAME(base, major) "lib" base "." #major ".dylib"
#define UNVERSIONED_NAME(base) "lib" base ".dylib"
#else
#define LIBRARY_NAME(base, major) "lib" base ".so." #major
#define UNVERSIONED_NAME(base) "lib" base ".so"
#endif
#define NAME_OF(base, major) LIBRARY_NAME(base, major)

/// Opens the library of the ABI the headers describe (`libvips.so.42`), or else the
/// development link (`libvips.so`) where only that exists.
static void *open_library(const char *versioned, const char *unversioned) {
    void *handle = dlopen(versioned, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) handle = dlopen(unversioned, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        snprintf(start_error, sizeof start_error, "cannot load %s: %s", versioned, reason ? reason : "not found");
    }
    return handle;
}

/// Fills `lib` with the functions of `FUNCTIONS` from the library `base` of ABI `major`; 0 or -1.
#define LOAD(FUNCTIONS, base, major) \
    do { \
        const char *library = NAME_OF(base, major); \
        void *handle = open_library(library, UNVERSIONED_NAME(base)); \
        if (handle == NULL) return -1; \
        FUNCTIONS(RESOLVE) \
    } while (0)
#define RESOLVE(name) \
    if ((lib.name = (__typeof__(lib.name))dlsym(handle, #name)) == NULL) { \
        snprintf(start_error, sizeof start_error, "%s has no function %s", library, #name); \
        return -1; \
    }

// libtool's soname of libvips is its CURRENT minus its AGE (42 for 8.x); the preprocessor
// cannot subtract into a string, so the header's values are checked against the number here.
#define VIPS_SONAME_MAJOR 42
_Static_assert(VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE == VIPS_SONAME_MAJOR, "libvips changed its ABI: update VIPS_SONAME_MAJOR");

static int load_libraries(void) {
    LOAD(GLIB_FUNCTIONS, "glib-2.0", 0);
    LOAD(GOBJECT_FUNCTIONS, "gobject-2.0", 0);
    LOAD(VIPS_FUNCTIONS, "vips", VIPS_SONAME_MAJOR);
    LOAD(AVUTIL_FUNCTIONS, "avutil", LIBAVUTIL_VERSION_MAJOR);
    LOAD(AVCODEC_FUNCTIONS, "avcodec", LIBAVCODEC_VERSION_MAJOR);
    LOAD(AVFORMAT_FUNCTIONS, "avformat", LIBAVFORMAT_VERSION_MAJOR);
    LOAD(SWSCALE_FUNCTIONS, "swscale", LIBSWSCALE_VERSION_MAJOR);
    return 0;
}

static void start_libraries(void) {
    if (load_libraries() != 0) return;
    // What VIPS_INIT checks: the loaded library has the ABI of the headers.
    if (lib.vips_version(3) - lib.vips_version(5) != VIPS_SONAME_MAJOR) {
        snprintf(start_error, sizeof start_error, "libvips has ABI %d, the server was built for %d",
                 lib.vips_version(3) - lib.vips_version(5), VIPS_SONAME_MAJOR);
        return;
    }
    if (lib.vips_init("botapi") != 0) {
        snprintf(start_error, sizeof start_error, "libvips failed to start: %s", lib.vips_error_buffer());
        lib.vips_error_clear();
        return;
    }
    // Every image is processed once: the operation cache would only keep buffers alive.
    lib.vips_cache_set_max(0);
    lib.vips_leak_set(FALSE);
    // Orc's run-time code generation writes executable files to $HOME; the plain C paths
    // are fast enough for the sizes involved.
    lib.vips_vector_set_enabled(FALSE);
    lib.av_log_set_level(AV_LOG_QUIET);
    // The codecs the server reads most must be there: a library built without them would
    // silently report zeros.
    if (lib.avcodec_find_decoder(AV_CODEC_ID_H264) == NULL || lib.av_find_input_format("mp4") == NULL) {
        snprintf(start_error, sizeof start_error, "FFmpeg lacks the H.264 decoder or the MP4 demuxer");
        return;
    }
    start_result = 0;
}

int cmedia_start(char *error, size_t error_size) {
    pthread_once(&start_once, start_libraries);
    if (start_result != 0 && error != NULL && error_size > 0) snprintf(error, error_size, "%s", start_error);
    return start_result;
}

void cmedia_free(void *pointer) {
    if (pointer != NULL) lib.g_free(pointer);
}

/// Every entry point first makes sure the libraries are there (one atomic load once they are).
#define REQUIRE_LIBRARIES(failure) \
    do { \
        if (cmedia_start(NULL, 0) != 0) return failure; \
    } while (0)

// MARK: Images

int cmedia_image_size(const uint8_t *data, size_t size, int *width, int *height) {
    REQUIRE_LIBRARIES(-1);
    VipsImage *image = lib.vips_image_new_from_buffer(data, size, "", NULL);
    if (image == NULL) {
        lib.vips_error_clear();
        return -1;
    }
    int w = lib.vips_image_get_width(image), h = lib.vips_image_get_height(image);
    int swap = lib.vips_image_get_orientation_swap(image);
    lib.g_object_unref(image);
    *width = swap ? h : w;
    *height = swap ? w : h;
    return w > 0 && h > 0 ? 0 : -1;
}

/// Flattens onto white, then encodes; takes ownership of `image`.
static int encode_jpeg(VipsImage *image, int quality, cmedia_jpeg *out) {
    if (lib.vips_image_hasalpha(image)) {
        VipsArrayDouble *white = lib.vips_array_double_newv(3, 255.0, 255.0, 255.0);
        VipsImage *flat = NULL;
        int failed = lib.vips_flatten(image, &flat, "background", white, NULL);
        lib.vips_area_unref(VIPS_AREA(white));
        lib.g_object_unref(image);
        if (failed) {
            lib.vips_error_clear();
            return -1;
        }
        image = flat;
    }
    void *buffer = NULL;
    size_t length = 0;
    int failed = lib.vips_jpegsave_buffer(image, &buffer, &length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, NULL);
    out->width = lib.vips_image_get_width(image);
    out->height = lib.vips_image_get_height(image);
    lib.g_object_unref(image);
    if (failed || buffer == NULL) {
        lib.vips_error_clear();
        lib.g_free(buffer);
        return -1;
    }
    out->bytes = buffer;
    out->size = length;
    return 0;
}

int cmedia_image_jpeg(const uint8_t *data, size_t size, int max_side, int quality, cmedia_jpeg *out) {
    memset(out, 0, sizeof *out);
    REQUIRE_LIBRARIES(-1);
    if (max_side < 1) return -1;
    VipsImage *thumbnail = NULL;
    // thumbnail_buffer shrinks while loading where the format allows it, applies the EXIF
    // orientation and converts to sRGB; VIPS_SIZE_DOWN never enlarges.
    if (lib.vips_thumbnail_buffer((void *)data, size, &thumbnail, max_side, "height", max_side, "size", VIPS_SIZE_DOWN, NULL)) {
        lib.vips_error_clear();
        return -1;
    }
    return encode_jpeg(thumbnail, quality, out);
}

// MARK: Audio and video

/// FFmpeg reads the file from memory through these callbacks.
typedef struct {
    const uint8_t *data;
    size_t size;
    size_t position;
} memory_reader;

static int memory_read(void *opaque, uint8_t *buffer, int buffer_size) {
    memory_reader *reader = opaque;
    if (reader->position >= reader->size) return AVERROR_EOF;
    size_t count = reader->size - reader->position;
    if (count > (size_t)buffer_size) count = (size_t)buffer_size;
    memcpy(buffer, reader->data + reader->position, count);
    reader->position += count;
    return (int)count;
}

static int64_t memory_seek(void *opaque, int64_t offset, int whence) {
    memory_reader *reader = opaque;
    if (whence & AVSEEK_SIZE) return (int64_t)reader->size;
    int64_t base;
    switch (whence & ~AVSEEK_FORCE) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = (int64_t)reader->position; break;
    case SEEK_END: base = (int64_t)reader->size; break;
    default: return -1;
    }
    int64_t target = base + offset;
    if (target < 0 || target > (int64_t)reader->size) return -1;
    reader->position = (size_t)target;
    return target;
}

typedef struct {
    memory_reader reader;
    AVIOContext *io;
    AVFormatContext *format;
} av_input;

static void close_input(av_input *input) {
    if (input->format) lib.avformat_close_input(&input->format);
    if (input->io) {
        lib.av_freep(&input->io->buffer);
        lib.avio_context_free(&input->io);
    }
}

static int open_input(const uint8_t *data, size_t size, av_input *input) {
    memset(input, 0, sizeof *input);
    input->reader = (memory_reader){data, size, 0};
    const int buffer_size = 1 << 15;
    uint8_t *buffer = lib.av_malloc(buffer_size);
    if (buffer == NULL) return -1;
    input->io = lib.avio_alloc_context(buffer, buffer_size, 0, &input->reader, memory_read, NULL, memory_seek);
    if (input->io == NULL) {
        lib.av_free(buffer);
        return -1;
    }
    input->format = lib.avformat_alloc_context();
    if (input->format == NULL) {
        close_input(input);
        return -1;
    }
    input->format->pb = input->io;
    input->format->flags |= AVFMT_FLAG_CUSTOM_IO;
    // On failure avformat_open_input frees the context itself.
    if (lib.avformat_open_input(&input->format, NULL, NULL, NULL) < 0) {
        input->format = NULL;
        close_input(input);
        return -1;
    }
    if (lib.avformat_find_stream_info(input->format, NULL) < 0) {
        close_input(input);
        return -1;
    }
    return 0;
}

/// The clockwise rotation (0, 90, 180 or 270) a stream's display matrix asks for.
static int rotation_of(const AVStream *stream) {
    const uint8_t *matrix = lib.av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, NULL);
    if (matrix == NULL) return 0;
    double theta = -lib.av_display_rotation_get((const int32_t *)matrix);
    if (theta != theta) return 0;  // NaN: a degenerate matrix
    int degrees = (int)(theta < 0 ? theta - 0.5 : theta + 0.5);
    degrees = ((degrees % 360) + 360) % 360;
    return (degrees + 45) / 90 * 90 % 360;
}

static void copy_tag(AVDictionary *metadata, const char *key, char *destination, size_t capacity) {
    const AVDictionaryEntry *entry = lib.av_dict_get(metadata, key, NULL, 0);
    if (entry != NULL && entry->value != NULL) snprintf(destination, capacity, "%s", entry->value);
}

int cmedia_av_probe(const uint8_t *data, size_t size, cmedia_av_info *info) {
    memset(info, 0, sizeof *info);
    REQUIRE_LIBRARIES(-1);
    av_input input;
    if (open_input(data, size, &input) != 0) return -1;
    AVFormatContext *format = input.format;
    double duration = format->duration != AV_NOPTS_VALUE && format->duration > 0 ? (double)format->duration / AV_TIME_BASE : 0;
    int video = lib.av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
    for (unsigned i = 0; i < format->nb_streams; i++) {
        AVStream *stream = format->streams[i];
        enum AVMediaType type = stream->codecpar->codec_type;
        if (type == AVMEDIA_TYPE_AUDIO) info->has_audio = 1;
        // Cover art is a picture attached to an audio file, not a video.
        if (type == AVMEDIA_TYPE_VIDEO && !(stream->disposition & AV_DISPOSITION_ATTACHED_PIC)) info->has_video = 1;
        if (duration <= 0 && stream->duration != AV_NOPTS_VALUE && stream->duration > 0) {
            double seconds = stream->duration * av_q2d(stream->time_base);
            if (seconds > duration) duration = seconds;
        }
    }
    if (info->has_video && video >= 0 && !(format->streams[video]->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
        AVStream *stream = format->streams[video];
        int w = stream->codecpar->width, h = stream->codecpar->height;
        int rotation = rotation_of(stream);
        info->width = rotation == 90 || rotation == 270 ? h : w;
        info->height = rotation == 90 || rotation == 270 ? w : h;
    }
    info->duration = duration;
    copy_tag(format->metadata, "title", info->title, sizeof info->title);
    copy_tag(format->metadata, "artist", info->artist, sizeof info->artist);
    if (format->iformat != NULL && format->iformat->name != NULL) snprintf(info->format, sizeof info->format, "%s", format->iformat->name);
    int usable = info->has_audio || info->has_video;
    close_input(&input);
    return usable ? 0 : -1;
}

/// Decodes the first frame of `stream_index` into `frame`.
static int decode_first_frame(AVFormatContext *format, int stream_index, AVCodecContext *codec, AVFrame *frame) {
    AVPacket *packet = lib.av_packet_alloc();
    if (packet == NULL) return -1;
    int result = -1;
    // Bounded: a file whose video never yields a frame ends the loop at its end.
    for (int packets = 0; packets < 10000 && result != 0; packets++) {
        int read = lib.av_read_frame(format, packet);
        if (read < 0) {
            lib.avcodec_send_packet(codec, NULL);  // drain what the decoder holds
            result = lib.avcodec_receive_frame(codec, frame) == 0 ? 0 : -1;
            break;
        }
        if (packet->stream_index == stream_index && lib.avcodec_send_packet(codec, packet) >= 0) {
            if (lib.avcodec_receive_frame(codec, frame) == 0) result = 0;
        }
        lib.av_packet_unref(packet);
    }
    lib.av_packet_free(&packet);
    return result;
}

int cmedia_av_frame_jpeg(const uint8_t *data, size_t size, int max_side, int quality, cmedia_jpeg *out) {
    memset(out, 0, sizeof *out);
    REQUIRE_LIBRARIES(-1);
    if (max_side < 1) return -1;
    av_input input;
    if (open_input(data, size, &input) != 0) return -1;
    int result = -1;
    AVCodecContext *codec = NULL;
    AVFrame *frame = NULL;
    uint8_t *rgb = NULL;
    struct SwsContext *scaler = NULL;
    const AVCodec *decoder = NULL;
    int index = lib.av_find_best_stream(input.format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (index < 0 || decoder == NULL) goto done;
    AVStream *stream = input.format->streams[index];
    codec = lib.avcodec_alloc_context3(decoder);
    if (codec == NULL || lib.avcodec_parameters_to_context(codec, stream->codecpar) < 0) goto done;
    codec->thread_count = 1;
    if (lib.avcodec_open2(codec, decoder, NULL) < 0) goto done;
    frame = lib.av_frame_alloc();
    if (frame == NULL || decode_first_frame(input.format, index, codec, frame) != 0) goto done;
    int width = frame->width, height = frame->height;
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384) goto done;
    scaler = lib.sws_getContext(width, height, frame->format, width, height, AV_PIX_FMT_RGB24, SWS_BILINEAR, NULL, NULL, NULL);
    if (scaler == NULL) goto done;
    int stride = width * 3;
    // swscale's vector code may write a few bytes past the last row.
    rgb = lib.av_malloc((size_t)stride * height + 64);
    if (rgb == NULL) goto done;
    uint8_t *planes[4] = {rgb, NULL, NULL, NULL};
    int strides[4] = {stride, 0, 0, 0};
    if (lib.sws_scale(scaler, (const uint8_t *const *)frame->data, frame->linesize, 0, height, planes, strides) != height) goto done;
    VipsImage *image = lib.vips_image_new_from_memory_copy(rgb, (size_t)stride * height, width, height, 3, VIPS_FORMAT_UCHAR);
    if (image == NULL) {
        lib.vips_error_clear();
        goto done;
    }
    int rotation = rotation_of(stream);
    if (rotation != 0) {
        VipsImage *turned = NULL;
        VipsAngle angle = rotation == 90 ? VIPS_ANGLE_D90 : rotation == 180 ? VIPS_ANGLE_D180 : VIPS_ANGLE_D270;
        int failed = lib.vips_rot(image, &turned, angle, NULL);
        lib.g_object_unref(image);
        if (failed) {
            lib.vips_error_clear();
            goto done;
        }
        image = turned;
    }
    VipsImage *scaled = NULL;
    int failed = lib.vips_thumbnail_image(image, &scaled, max_side, "height", max_side, "size", VIPS_SIZE_DOWN, NULL);
    lib.g_object_unref(image);
    if (failed) {
        lib.vips_error_clear();
        goto done;
    }
    result = encode_jpeg(scaled, quality, out);
done:
    lib.av_free(rgb);
    lib.sws_freeContext(scaler);
    lib.av_frame_free(&frame);
    lib.avcodec_free_context(&codec);
    close_input(&input);
    return result;
}
