package io.supertonic.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a bridge connection whose next frame declares more than {@code maxFrameBytes}. The
 * bridge's own frame parser buffers a whole frame before it looks at it, so a client that declares
 * a 2 GB length could otherwise make the server hold whatever it sends. This handler sits in front
 * of the socket, follows the frame boundaries (4-byte big-endian length, then the body) without
 * buffering anything, and drops the connection as soon as a length prefix is too large or negative.
 */
final class FrameSizeGuard extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(FrameSizeGuard.class);

  private final int maxFrameBytes;
  private int headerBytes;
  private int length;
  private long bodyLeft;
  private boolean refused;

  private FrameSizeGuard(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Puts a guard in front of the socket's own handler. Call it from the connect handler, before the
   * first read reaches the socket (the connect handler runs on the connection's event loop).
   */
  static void install(NetSocket socket, int maxFrameBytes) {
    ChannelHandlerContext vertxHandler = ((NetSocketInternal) socket).channelHandlerContext();
    vertxHandler
        .pipeline()
        .addBefore(
            vertxHandler.name(), "supertonic-frame-size-guard", new FrameSizeGuard(maxFrameBytes));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof ByteBuf bytes && !withinLimit(bytes)) {
      refused = true;
      ReferenceCountUtil.release(msg);
      LOG.info(
          "TCP bridge client {} declared a {}-byte frame (limit {}): connection closed",
          ctx.channel().remoteAddress(),
          Integer.toUnsignedLong(length),
          maxFrameBytes);
      ctx.close();
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /** Walks the frame boundaries in {@code bytes}; false once a length prefix exceeds the limit. */
  private boolean withinLimit(ByteBuf bytes) {
    int at = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (at < end) {
      if (bodyLeft > 0) {
        int skip = (int) Math.min(bodyLeft, end - at);
        at += skip;
        bodyLeft -= skip;
        continue;
      }
      length = (length << 8) | bytes.getUnsignedByte(at++);
      if (++headerBytes == 4) {
        if (length < 0 || length > maxFrameBytes) {
          return false;
        }
        bodyLeft = length;
        headerBytes = 0;
        length = 0;
      }
    }
    return true;
  }
}
