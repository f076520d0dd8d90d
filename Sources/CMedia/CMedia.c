#include "CMedia.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "../CVips/shim.h"
#include "../CFFmpeg/shim.h"

// MARK: Start-up

static pthread_once_t start_once = PTHREAD_ONCE_INIT;
static int start_result = -1;
static char start_error[256] = "";

static void start_libraries(void) {
    if (VIPS_INIT("botapi") != 0) {
        snprintf(start_error, sizeof start_error, "libvips failed to start: %s", vips_error_buffer());
        vips_error_clear();
        return;
    }
    // Every image is processed once: the operation cache would only keep buffers alive.
    vips_cache_set_max(0);
    vips_leak_set(FALSE);
    // Orc's run-time code generation writes executable files to $HOME; the plain C paths
    // are fast enough for the sizes involved.
    vips_vector_set_enabled(FALSE);
    av_log_set_level(AV_LOG_QUIET);
    // The codecs the server reads most must be there: a library built without them would
    // silently report zeros.
    if (avcodec_find_decoder(AV_CODEC_ID_H264) == NULL || av_find_input_format("mp4") == NULL) {
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

void cmedia_free(void *pointer) { g_free(pointer); }

// MARK: Images

int cmedia_image_size(const uint8_t *data, size_t size, int *width, int *height) {
    VipsImage *image = vips_image_new_from_buffer(data, size, "", NULL);
    if (image == NULL) {
        vips_error_clear();
        return -1;
    }
    int w = vips_image_get_width(image), h = vips_image_get_height(image);
    int swap = vips_image_get_orientation_swap(image);
    g_object_unref(image);
    *width = swap ? h : w;
    *height = swap ? w : h;
    return w > 0 && h > 0 ? 0 : -1;
}

/// Flattens onto white, then encodes; takes ownership of `image`.
static int encode_jpeg(VipsImage *image, int quality, cmedia_jpeg *out) {
    if (vips_image_hasalpha(image)) {
        VipsArrayDouble *white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
        VipsImage *flat = NULL;
        int failed = vips_flatten(image, &flat, "background", white, NULL);
        vips_area_unref(VIPS_AREA(white));
        g_object_unref(image);
        if (failed) {
            vips_error_clear();
            return -1;
        }
        image = flat;
    }
    void *buffer = NULL;
    size_t length = 0;
    int failed = vips_jpegsave_buffer(image, &buffer, &length, "Q", quality, "strip", TRUE, "optimize_coding", TRUE, NULL);
    out->width = vips_image_get_width(image);
    out->height = vips_image_get_height(image);
    g_object_unref(image);
    if (failed || buffer == NULL) {
        vips_error_clear();
        g_free(buffer);
        return -1;
    }
    out->bytes = buffer;
    out->size = length;
    return 0;
}

int cmedia_image_jpeg(const uint8_t *data, size_t size, int max_side, int quality, cmedia_jpeg *out) {
    memset(out, 0, sizeof *out);
    if (max_side < 1) return -1;
    VipsImage *thumbnail = NULL;
    // thumbnail_buffer shrinks while loading where the format allows it, applies the EXIF
    // orientation and converts to sRGB; VIPS_SIZE_DOWN never enlarges.
    if (vips_thumbnail_buffer((void *)data, size, &thumbnail, max_side, "height", max_side, "size", VIPS_SIZE_DOWN, NULL)) {
        vips_error_clear();
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
    if (input->format) avformat_close_input(&input->format);
    if (input->io) {
        av_freep(&input->io->buffer);
        avio_context_free(&input->io);
    }
}

static int open_input(const uint8_t *data, size_t size, av_input *input) {
    memset(input, 0, sizeof *input);
    input->reader = (memory_reader){data, size, 0};
    const int buffer_size = 1 << 15;
    uint8_t *buffer = av_malloc(buffer_size);
    if (buffer == NULL) return -1;
    input->io = avio_alloc_context(buffer, buffer_size, 0, &input->reader, memory_read, NULL, memory_seek);
    if (input->io == NULL) {
        av_free(buffer);
        return -1;
    }
    input->format = avformat_alloc_context();
    if (input->format == NULL) {
        close_input(input);
        return -1;
    }
    input->format->pb = input->io;
    input->format->flags |= AVFMT_FLAG_CUSTOM_IO;
    // On failure avformat_open_input frees the context itself.
    if (avformat_open_input(&input->format, NULL, NULL, NULL) < 0) {
        input->format = NULL;
        close_input(input);
        return -1;
    }
    if (avformat_find_stream_info(input->format, NULL) < 0) {
        close_input(input);
        return -1;
    }
    return 0;
}

/// The clockwise rotation (0, 90, 180 or 270) a stream's display matrix asks for.
static int rotation_of(const AVStream *stream) {
    const uint8_t *matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, NULL);
    if (matrix == NULL) return 0;
    double theta = -av_display_rotation_get((const int32_t *)matrix);
    if (theta != theta) return 0;  // NaN: a degenerate matrix
    int degrees = (int)(theta < 0 ? theta - 0.5 : theta + 0.5);
    degrees = ((degrees % 360) + 360) % 360;
    return (degrees + 45) / 90 * 90 % 360;
}

static void copy_tag(AVDictionary *metadata, const char *key, char *destination, size_t capacity) {
    const AVDictionaryEntry *entry = av_dict_get(metadata, key, NULL, 0);
    if (entry != NULL && entry->value != NULL) snprintf(destination, capacity, "%s", entry->value);
}

int cmedia_av_probe(const uint8_t *data, size_t size, cmedia_av_info *info) {
    memset(info, 0, sizeof *info);
    av_input input;
    if (open_input(data, size, &input) != 0) return -1;
    AVFormatContext *format = input.format;
    double duration = format->duration != AV_NOPTS_VALUE && format->duration > 0 ? (double)format->duration / AV_TIME_BASE : 0;
    int video = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
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
    AVPacket *packet = av_packet_alloc();
    if (packet == NULL) return -1;
    int result = -1;
    // Bounded: a file whose video never yields a frame ends the loop at its end.
    for (int packets = 0; packets < 10000 && result != 0; packets++) {
        int read = av_read_frame(format, packet);
        if (read < 0) {
            avcodec_send_packet(codec, NULL);  // drain what the decoder holds
            result = avcodec_receive_frame(codec, frame) == 0 ? 0 : -1;
            break;
        }
        if (packet->stream_index == stream_index && avcodec_send_packet(codec, packet) >= 0) {
            if (avcodec_receive_frame(codec, frame) == 0) result = 0;
        }
        av_packet_unref(packet);
    }
    av_packet_free(&packet);
    return result;
}

int cmedia_av_frame_jpeg(const uint8_t *data, size_t size, int max_side, int quality, cmedia_jpeg *out) {
    memset(out, 0, sizeof *out);
    if (max_side < 1) return -1;
    av_input input;
    if (open_input(data, size, &input) != 0) return -1;
    int result = -1;
    AVCodecContext *codec = NULL;
    AVFrame *frame = NULL;
    uint8_t *rgb = NULL;
    struct SwsContext *scaler = NULL;
    const AVCodec *decoder = NULL;
    int index = av_find_best_stream(input.format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (index < 0 || decoder == NULL) goto done;
    AVStream *stream = input.format->streams[index];
    codec = avcodec_alloc_context3(decoder);
    if (codec == NULL || avcodec_parameters_to_context(codec, stream->codecpar) < 0) goto done;
    codec->thread_count = 1;
    if (avcodec_open2(codec, decoder, NULL) < 0) goto done;
    frame = av_frame_alloc();
    if (frame == NULL || decode_first_frame(input.format, index, codec, frame) != 0) goto done;
    int width = frame->width, height = frame->height;
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384) goto done;
    scaler = sws_getContext(width, height, frame->format, width, height, AV_PIX_FMT_RGB24, SWS_BILINEAR, NULL, NULL, NULL);
    if (scaler == NULL) goto done;
    int stride = width * 3;
    // swscale's vector code may write a few bytes past the last row.
    rgb = av_malloc((size_t)stride * height + 64);
    if (rgb == NULL) goto done;
    uint8_t *planes[4] = {rgb, NULL, NULL, NULL};
    int strides[4] = {stride, 0, 0, 0};
    if (sws_scale(scaler, (const uint8_t *const *)frame->data, frame->linesize, 0, height, planes, strides) != height) goto done;
    VipsImage *image = vips_image_new_from_memory_copy(rgb, (size_t)stride * height, width, height, 3, VIPS_FORMAT_UCHAR);
    if (image == NULL) {
        vips_error_clear();
        goto done;
    }
    int rotation = rotation_of(stream);
    if (rotation != 0) {
        VipsImage *turned = NULL;
        VipsAngle angle = rotation == 90 ? VIPS_ANGLE_D90 : rotation == 180 ? VIPS_ANGLE_D180 : VIPS_ANGLE_D270;
        int failed = vips_rot(image, &turned, angle, NULL);
        g_object_unref(image);
        if (failed) {
            vips_error_clear();
            goto done;
        }
        image = turned;
    }
    VipsImage *scaled = NULL;
    int failed = vips_thumbnail_image(image, &scaled, max_side, "height", max_side, "size", VIPS_SIZE_DOWN, NULL);
    g_object_unref(image);
    if (failed) {
        vips_error_clear();
        goto done;
    }
    result = encode_jpeg(scaled, quality, out);
done:
    av_free(rgb);
    sws_freeContext(scaler);
    av_frame_free(&frame);
    avcodec_free_context(&codec);
    close_input(&input);
    return result;
}
