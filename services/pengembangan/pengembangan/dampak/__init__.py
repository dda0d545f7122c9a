"""Impact evaluation after training (evaluasi dampak pasca pelatihan): the direct supervisor's
structured evaluation of a passed participant's behaviour at work some months after the batch."""
