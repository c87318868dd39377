package dev.strata.spark.scoring;

import dev.strata.model.Model;
import dev.strata.ops.Tensor;
import dev.strata.spark.ModelBytes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Scores one partition lazily, a batch of rows per predict call, with the executor's shared model. */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<ModelBytes> model;
    private final BatchInputs inputs;
    private final OutputColumns outputs;
    private final int[] kept;
    private final int batchSize;

    PartitionScorer(Broadcast<ModelBytes> model, BatchInputs inputs, OutputColumns outputs, int[] kept, int batchSize) {
        this.model = model;
        this.inputs = inputs;
        this.outputs = outputs;
        this.kept = kept;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Model m = model.value().model();
        return new Iterator<>() {
            private final List<Row> out = new ArrayList<>(batchSize);
            private int next;

            @Override
            public boolean hasNext() {
                if (next < out.size()) return true;
                if (!rows.hasNext()) return false;
                score();
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return out.get(next++);
            }

            private void score() {
                List<Row> batch = new ArrayList<>(batchSize);
                while (batch.size() < batchSize && rows.hasNext()) batch.add(rows.next());
                Map<String, Tensor> predicted = m.predictAll(inputs.tensors(m, batch), batchSize);
                Object[][] cells = outputs.cells(predicted, batch.size());
                out.clear();
                next = 0;
                for (int r = 0; r < batch.size(); r++) {
                    Row in = batch.get(r);
                    Object[] values = new Object[kept.length + cells[r].length];
                    for (int k = 0; k < kept.length; k++) values[k] = in.get(kept[k]);
                    System.arraycopy(cells[r], 0, values, kept.length, cells[r].length);
                    out.add(RowFactory.create(values));
                }
            }
        };
    }
}
