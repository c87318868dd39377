package dev.strata.keras;

import dev.strata.model.Model;
import java.util.List;

/**
 * What {@link KerasImport#read} returns.
 *
 * @param kerasVersion as the file records it ("2.2.4-tf", "3.2.1"), or null when it does not
 * @param notes        what the import did beyond the layers: compiled or why not
 */
public record ImportedModel(Model model, KerasFormat format, String kerasVersion, List<String> notes) {
    public ImportedModel {
        notes = List.copyOf(notes);
    }
}
