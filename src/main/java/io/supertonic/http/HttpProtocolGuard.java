package io.supertonic.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between Netty's HTTP/1.x decoder and Vert.x on each connection, for the two malformed inputs
 * Vert.x would otherwise answer on its own terms:
 *
 * <ul>
 *   <li>a request line with a version other than HTTP/1.0 or HTTP/1.1: Vert.x answers 501 with an
 *       empty body; marked here as a decoding failure instead, it reaches {@link InvalidRequests},
 *       which answers 505 (or 400) in the OpenAI shape;
 *   <li>a body whose chunked encoding is broken: Vert.x drops the connection without a word; here
 *       the client gets a 400 in the OpenAI shape first (unless its response already started), then
 *       the connection closes, since the decoder cannot find the next request;
 *   <li>a body that fails to inflate ({@code Content-Encoding: gzip} over bytes that are not): the
 *       same 400 instead of a dropped connection.
 * </ul>
 */
final class HttpProtocolGuard extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HttpProtocolGuard.class);
  static final String NAME = "supertonic-protocol-guard";

  /** The name Vert.x gives its own handler at the end of an HTTP/1.x pipeline. */
  private static final String VERTX_HANDLER = "handler";

  private final int maxMessageBytes;
  private boolean responseStarted;
  private boolean broken;

  private HttpProtocolGuard(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * Adds the guard to an HTTP/1.x pipeline; false when the pipeline has no place for it.
   *
   * @param maxMessageBytes the WebSocket message limit, named in the close reason
   */
  static boolean install(ChannelPipeline pipeline, int maxMessageBytes) {
    if (pipeline.get("httpDecoder") == null || pipeline.get(VERTX_HANDLER) == null) {
      return false;
    }
    pipeline.addBefore(VERTX_HANDLER, NAME, new HttpProtocolGuard(maxMessageBytes));
    return true;
  }

  /** The request line named a version this server does not speak. */
  static final class UnsupportedVersion extends RuntimeException {
    private final boolean malformed;

    UnsupportedVersion(boolean malformed) {
      super("unsupported HTTP version", null, false, false);
      this.malformed = malformed;
    }

    /** True for a 1.0/1.1 version spelled wrongly (400); false for another version (505). */
    boolean malformed() {
      return malformed;
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (broken) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request) {
      responseStarted = false;
      HttpVersion version = request.protocolVersion();
      // Vert.x recognises the two constants by identity; "http/1.1" parses to an equal but
      // distinct instance that it would refuse with 501.
      if (request.decoderResult().isSuccess()
          && version != HttpVersion.HTTP_1_1
          && version != HttpVersion.HTTP_1_0) {
        boolean malformed = version.text().equals("HTTP/1.1") || version.text().equals("HTTP/1.0");
        request.setDecoderResult(DecoderResult.failure(new UnsupportedVersion(malformed)));
      }
    } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
      broken = true;
      LOG.debug("Malformed request body from {}", ctx.channel().remoteAddress());
      ReferenceCountUtil.release(content);
      if (responseStarted) {
        ctx.close();
      } else {
        ctx.writeAndFlush(
                badBody("The request body is malformed (broken chunked transfer encoding)."))
            .addListener(ChannelFutureListener.CLOSE);
      }
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /**
   * A body that fails to inflate (Content-Encoding: gzip that is not gzip) arrives here, and on an
   * upgraded connection a WebSocket frame over the size limit: Vert.x would drop the TCP connection
   * (the client sees 1006); the client gets a close frame with the reason instead.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof CorruptedWebSocketFrameException frame && !broken) {
      broken = true;
      WebSocketCloseStatus status = frame.closeStatus();
      String reason =
          status.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
              ? "message too large: the limit is " + maxMessageBytes + " bytes (max_message_bytes)"
              : "malformed WebSocket frame";
      ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), reason))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (!(cause instanceof DecoderException) || broken) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    broken = true;
    LOG.debug("Undecodable request from {}", ctx.channel().remoteAddress());
    if (responseStarted) {
      ctx.close();
    } else {
      ctx.writeAndFlush(
              badBody(
                  "The request body could not be decoded (Content-Encoding does not match it)."))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof HttpResponse) {
      responseStarted = true;
    }
    super.write(ctx, msg, promise);
  }

  private static FullHttpResponse badBody(String message) {
    byte[] body =
        OpenAiErrors.body(400, message, null, "malformed_body")
            .encode()
            .getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return response;
  }
}
