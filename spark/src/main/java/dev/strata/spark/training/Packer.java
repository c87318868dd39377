package dev.strata.spark.training;

import dev.strata.spark.RowColumns;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/** Packs a partition's rows into one {@link Shard}, once, before the epochs. */
final class Packer implements FlatMapFunction<Iterator<Row>, Shard> {
    private static final long serialVersionUID = 1L;

    private final RowColumns inputs;
    private final RowColumns targets;
    private final Map<String, int[]> shapes;

    Packer(RowColumns inputs, RowColumns targets, Map<String, int[]> shapes) {
        this.inputs = inputs;
        this.targets = targets;
        this.shapes = shapes;
    }

    @Override
    public Iterator<Shard> call(Iterator<Row> rows) {
        List<Row> all = new ArrayList<>();
        rows.forEachRemaining(all::add);
        return List.of(new Shard(all.size(), inputs.gather(all), shapes, targets.gather(all))).iterator();
    }
}
