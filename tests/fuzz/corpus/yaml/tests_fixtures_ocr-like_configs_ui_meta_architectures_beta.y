ui_metadata:
  components:
    encoder: vgg_backbone
    decoder: pan
  default_backbone: vgg
  default_decoder: pan
  default_optimizer: sgd
  recommended_data: canonical
  compatible_backbones: [vgg]
  compatible_decoders: [pan]
  recommended_optimizers: [sgd]
  notes: "Beta needs VGG features."
