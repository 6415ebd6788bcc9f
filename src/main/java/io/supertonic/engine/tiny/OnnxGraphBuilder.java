package io.supertonic.engine.tiny;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A small helper to write ONNX graphs by hand: declares typed inputs/outputs with symbolic or fixed
 * dimensions, adds constants and nodes with generated unique names, and produces a {@link
 * ModelProto}.
 */
public final class OnnxGraphBuilder {
  /** Opset 17 keeps ReduceMean's axes as an attribute, which keeps the graphs short. */
  static final int OPSET = 17;

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final String producer;
  private int counter;

  public OnnxGraphBuilder(String name) {
    this(name, "supertonic-server tiny model");
  }

  public OnnxGraphBuilder(String name, String producer) {
    graph.setName(name);
    this.producer = producer;
  }

  /** Declares a float tensor input; a dimension is a String (symbolic) or an Integer (fixed). */
  public OnnxGraphBuilder floatInput(String name, Object... dims) {
    graph.addInput(valueInfo(name, TensorProto.DataType.FLOAT, dims));
    return this;
  }

  public OnnxGraphBuilder longInput(String name, Object... dims) {
    graph.addInput(valueInfo(name, TensorProto.DataType.INT64, dims));
    return this;
  }

  public OnnxGraphBuilder floatOutput(String name, Object... dims) {
    graph.addOutput(valueInfo(name, TensorProto.DataType.FLOAT, dims));
    return this;
  }

  /** A float constant (initializer) of the given shape; returns its name. */
  public String constant(float[] values, long... dims) {
    String name = fresh("const");
    TensorProto.Builder t =
        TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
    for (long d : dims) {
      t.addDims(d);
    }
    for (float v : values) {
      t.addFloatData(v);
    }
    graph.addInitializer(t);
    return name;
  }

  /**
   * A float initializer stored as little-endian raw bytes: the compact encoding ONNX uses for large
   * weights (repeated float_data would be slower to write and to parse).
   */
  public String weight(float[] values, long... dims) {
    String name = fresh("w");
    ByteBuffer bytes =
        ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.FLOAT.getNumber())
            .setRawData(ByteString.copyFrom(bytes.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    graph.addInitializer(t);
    return name;
  }

  /** A float scalar constant. */
  public String scalar(float value) {
    return constant(new float[] {value});
  }

  /** An int64 vector constant, for axes, shapes and slice bounds. */
  public String longs(long... values) {
    String name = fresh("ints");
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.INT64.getNumber())
            .addDims(values.length);
    Arrays.stream(values).forEach(t::addInt64Data);
    graph.addInitializer(t);
    return name;
  }

  /** Adds a node with one output and returns the output's name. */
  public String op(String opType, String[] inputs, AttributeProto... attributes) {
    return opInto(fresh(opType.toLowerCase()), opType, inputs, attributes);
  }

  public String op(String opType, String... inputs) {
    return op(opType, inputs, new AttributeProto[0]);
  }

  /** Adds a node writing to a chosen name, e.g. a graph output. */
  public String opInto(
      String output, String opType, String[] inputs, AttributeProto... attributes) {
    NodeProto.Builder node =
        NodeProto.newBuilder().setOpType(opType).setName(fresh("node")).addOutput(output);
    for (String in : inputs) {
      node.addInput(in);
    }
    for (AttributeProto a : attributes) {
      node.addAttribute(a);
    }
    graph.addNode(node);
    return output;
  }

  public static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    Arrays.stream(values).forEach(a::addInts);
    return a.build();
  }

  public static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  public ModelProto build() {
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName(producer)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(graph)
        .build();
  }

  public byte[] toBytes() {
    return build().toByteArray();
  }

  /** Streams the model to a file without holding a second, serialized copy in memory. */
  public void writeTo(Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      build().writeTo(out);
    }
  }

  private String fresh(String prefix) {
    return prefix + "_" + (++counter);
  }

  private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof Number n) {
        dim.setDimValue(n.longValue());
      } else {
        dim.setDimParam(String.valueOf(d));
      }
      shape.addDim(dim);
    }
    TypeProto.Tensor tensor =
        TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape).build();
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(tensor))
        .build();
  }
}
