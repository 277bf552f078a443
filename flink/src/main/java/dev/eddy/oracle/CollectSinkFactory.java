package dev.eddy.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.RuntimeConverter;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.Row;

/**
 * The `eddy-collect` connector that replaces a script's `print` tables: every row (with its row
 * kind, as `print` shows it) becomes an output line in {@link #LINES}. The MiniCluster runs in
 * this JVM, so a static queue is the way back to the runner.
 */
public final class CollectSinkFactory implements DynamicTableSinkFactory {
  static final String IDENTIFIER = "eddy-collect";
  static final ConfigOption<String> SINK = ConfigOptions.key("eddy.sink").stringType().noDefaultValue();
  static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(SINK);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of();
  }

  @Override
  public DynamicTableSink createDynamicTableSink(Context context) {
    String name = context.getCatalogTable().getOptions().get(SINK.key());
    return new CollectTableSink(name, context.getPhysicalRowDataType());
  }

  static final class CollectTableSink implements DynamicTableSink {
    private final String name;
    private final DataType rowType;

    CollectTableSink(String name, DataType rowType) {
      this.name = name;
      this.rowType = rowType;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
      return requestedMode; // like `print`: every row kind
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
      DataStructureConverter converter = context.createDataStructureConverter(rowType);
      RowType logical = (RowType) rowType.getLogicalType();
      return SinkV2Provider.of(new CollectSink(name, converter, logical.getFieldNames(), new ArrayList<>(logical.getChildren())), 1);
    }

    @Override
    public DynamicTableSink copy() {
      return new CollectTableSink(name, rowType);
    }

    @Override
    public String asSummaryString() {
      return "eddy-collect(" + name + ")";
    }
  }

  static final class CollectSink implements Sink<RowData> {
    private final String name;
    private final DynamicTableSink.DataStructureConverter converter;
    private final List<String> names;
    private final List<LogicalType> types;

    CollectSink(String name, DynamicTableSink.DataStructureConverter converter, List<String> names, List<LogicalType> types) {
      this.name = name;
      this.converter = converter;
      this.names = names;
      this.types = types;
    }

    @Override
    public SinkWriter<RowData> createWriter(WriterInitContext context) {
      converter.open(RuntimeConverter.Context.create(CollectSink.class.getClassLoader()));
      return new SinkWriter<>() {
        @Override
        public void write(RowData element, Context ctx) {
          Row row = (Row) converter.toExternal(element);
          LINES.add(Values.line(name, row, names, types));
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
